// Shows an event's time in the reader's own time zone (the page already shows it in the event's zone and in UTC).
document.querySelectorAll(".local-time").forEach(function (el) {
  var start = new Date(el.dataset.start), end = new Date(el.dataset.end);
  var fmt = new Intl.DateTimeFormat(document.documentElement.lang || undefined, {dateStyle: "medium", timeStyle: "short"});
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  el.textContent = " · " + fmt.format(start) + " – " + fmt.format(end) + " (" + zone + ")";
  el.hidden = false;
});
