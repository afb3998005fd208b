// Progressive enhancement of the event form: click on a map to fill latitude and longitude (no geocoding).
window.addEventListener("DOMContentLoaded", function () {
  var box = document.getElementById("pick-map");
  if (!box || !window.L) return;
  box.hidden = false;
  var holder = document.createElement("div");
  holder.style.height = "260px";
  holder.setAttribute("role", "application");
  holder.setAttribute("aria-label", box.querySelector(".hint").textContent);
  box.appendChild(holder);
  var lat = document.getElementById("id_latitude"), lng = document.getElementById("id_longitude");
  var map = L.map(holder, {worldCopyJump: true}).setView([20, 0], 1);
  if (box.dataset.tiles) { L.tileLayer(box.dataset.tiles).addTo(map); }
  else { fetch(box.dataset.world).then(function (r) { return r.json(); }).then(function (g) {
    L.geoJSON(g, {style: {color: "#666", weight: 1, fillColor: "#e8eef4", fillOpacity: 1}, interactive: false}).addTo(map); }); }
  var marker = null;
  function place(latlng) { if (marker) marker.setLatLng(latlng); else marker = L.marker(latlng).addTo(map); }
  if (lat.value && lng.value) { place([+lat.value, +lng.value]); map.setView([+lat.value, +lng.value], 4); }
  map.on("click", function (e) {
    var p = e.latlng.wrap();
    lat.value = p.lat.toFixed(5); lng.value = p.lng.toFixed(5); place(p);
  });
});
