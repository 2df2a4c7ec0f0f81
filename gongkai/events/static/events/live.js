// 在线访谈 live transcript: while the event is live, ask for the entries after the last one
// shown every few seconds and append them to the aria-live list. Loaded only on a live
// event's page; without JavaScript the page's 刷新 link reloads it.
(function () {
  "use strict";
  var list = document.getElementById("transcript");
  if (!list || !window.fetch) { return; }
  var feed = list.getAttribute("data-feed");
  var after = parseInt(list.getAttribute("data-after"), 10) || 0;
  var seconds = Math.max(2, parseInt(list.getAttribute("data-seconds"), 10) || 5);
  var status = document.getElementById("event-status");
  var timer = null;

  function append(entry) {
    if (document.getElementById("t" + entry.id)) { return; }
    var item = document.createElement("li");
    item.id = "t" + entry.id;
    item.setAttribute("data-id", entry.id);
    item.className = "is-new";
    var who = document.createElement("span");
    who.className = "speaker";
    who.textContent = entry.speaker + "：";
    var text = document.createElement("span");
    text.className = "text";
    text.textContent = entry.text;
    var time = document.createElement("time");
    time.setAttribute("datetime", entry.posted_at);
    time.textContent = " " + entry.posted_at.substr(11, 5);
    item.appendChild(who);
    item.appendChild(text);
    item.appendChild(time);
    list.appendChild(item);
    var empty = document.getElementById("transcript-empty");
    if (empty) { empty.parentNode.removeChild(empty); }
  }

  function poll() {
    fetch(feed + "?after=" + after, { headers: { "Accept": "application/json" }, cache: "no-store" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) { return; }
        data.entries.forEach(function (entry) {
          append(entry);
          after = Math.max(after, entry.id);
        });
        if (status && data.status_label) { status.textContent = data.status_label; }
        if (data.status !== "live" && timer) { window.clearInterval(timer); timer = null; }
      })
      .catch(function () { /* the network may drop: try again at the next tick */ });
  }

  timer = window.setInterval(poll, seconds * 1000);
})();
