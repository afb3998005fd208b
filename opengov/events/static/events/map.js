// The events map. The server clusters (mapdata.py): each move asks for the visible box at the current zoom and draws
// what comes back — clusters as counted circles, single events as markers (grouped by Leaflet.markercluster when
// they sit close together). Nothing else is downloaded: no full list of events ever reaches the browser.
window.addEventListener("DOMContentLoaded", function () {
  var box = document.getElementById("events-map");
  if (!box || !window.L) return;
  var d = box.dataset;
  var map = L.map(box, {worldCopyJump: true, minZoom: 1, maxZoom: 18}).setView([20, 0], +d.zoom);
  if (d.tiles) { L.tileLayer(d.tiles, {attribution: d.attribution}).addTo(map); }
  else {
    fetch(d.world).then(function (r) { return r.json(); }).then(function (g) {
      L.geoJSON(g, {style: {color: "#777", weight: 1, fillColor: "#eef2f6", fillOpacity: 1}, interactive: false}).addTo(map).bringToBack();
    });
    map.attributionControl.addAttribution("Natural Earth");
  }
  var clusters = L.layerGroup().addTo(map);
  var singles = L.markerClusterGroup ? L.markerClusterGroup({maxClusterRadius: 30}) : L.layerGroup();
  singles.addTo(map);
  var status = document.getElementById("map-status");
  function size(n) { return n < 10 ? 30 : n < 100 ? 36 : n < 1000 ? 44 : 52; }
  function draw(data) {
    clusters.clearLayers(); singles.clearLayers();
    data.clusters.forEach(function (c) {
      var s = size(c[2]), cls = c[2] < 10 ? "small" : c[2] < 100 ? "medium" : "large";
      var icon = L.divIcon({html: "<span>" + c[2] + "</span>", className: "marker-cluster marker-cluster-" + cls, iconSize: [s, s]});
      L.marker([c[0], c[1]], {icon: icon, title: c[2] + " " + d.labelMany, keyboard: true})
        .on("click", function () { map.setView([c[0], c[1]], Math.min(map.getZoom() + 2, 18)); })
        .addTo(clusters);
    });
    data.events.forEach(function (e) {
      var link = document.createElement("a"); link.href = e.url; link.textContent = e.title;
      singles.addLayer(L.marker([e.lat, e.lng], {title: e.title}).bindPopup(link));
    });
    status.textContent = data.total + " " + (data.total === 1 ? d.labelOne : d.labelMany);
  }
  draw(JSON.parse(document.getElementById("map-first").textContent));
  var pending = null;
  map.on("moveend", function () {
    var b = map.getBounds(), z = map.getZoom();
    var bbox = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map(function (v) { return v.toFixed(4); }).join(",");
    var url = d.clusters + "?bbox=" + bbox + "&zoom=" + z + (d.query ? "&" + d.query : "");
    if (pending) pending.abort();
    pending = new AbortController();
    fetch(url, {signal: pending.signal}).then(function (r) { return r.json(); }).then(draw).catch(function () {});
  });
});
