// "先查一查" as the citizen types: fetch the suggestions (an HTML fragment from /hdjl/suggest/)
// after a pause and put them under the box. Without JavaScript the button does the same.
(function () {
  "use strict";
  var input = document.getElementById("precheck-q");
  var subject = document.getElementById("id_subject");
  var results = document.getElementById("precheck-results");
  if (!input || !results || !window.fetch) { return; }
  var url = input.getAttribute("data-suggest-url");
  var timer = null;
  var last = input.value;
  function lookup(text) {
    text = text.trim();
    if (text === last) { return; }
    last = text;
    if (text.length < 2) { results.textContent = ""; return; }
    fetch(url + "?q=" + encodeURIComponent(text), { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : ""; })
      .then(function (html) { if (text === last) { results.innerHTML = html; } })
      .catch(function () {});
  }
  function later(source) {
    return function () {
      clearTimeout(timer);
      timer = setTimeout(function () { lookup(source.value); }, 400);
    };
  }
  input.addEventListener("input", later(input));
  if (subject) { subject.addEventListener("input", later(subject)); }
})();
