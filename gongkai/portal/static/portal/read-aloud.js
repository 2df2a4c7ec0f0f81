/* 长辈版「朗读正文」: reads the body text aloud with the browser's speech synthesis.
 * Progressive enhancement: the button stays hidden unless JavaScript and speechSynthesis
 * are both available; nothing else on the site needs JavaScript. */
(function () {
  "use strict";
  if (!("speechSynthesis" in window) || typeof window.SpeechSynthesisUtterance !== "function") {
    return;
  }
  var button = document.querySelector("button.read-aloud");
  if (!button) {
    return;
  }
  var synth = window.speechSynthesis;
  var startLabel = button.textContent;
  var stopLabel = "停止朗读";
  var speaking = false;
  var session = 0;

  function target() {
    return document.getElementById("article-body") || document.querySelector("main article") ||
      document.querySelector("main");
  }

  // The visible text of the element, without the parts marked data-no-read (this button,
  // the feed links).
  function textOf(el) {
    var text = el.innerText || el.textContent || "";
    var skipped = el.querySelectorAll("[data-no-read]");
    for (var i = 0; i < skipped.length; i++) {
      var part = skipped[i].innerText || skipped[i].textContent || "";
      if (part) {
        text = text.split(part).join(" ");
      }
    }
    return text.replace(/[ \t\u3000]+/g, " ").trim();
  }

  // Short utterances: some browsers stop a long one after about fifteen seconds.
  function chunks(text) {
    var sentences = text.match(/[^。！？；!?;\n]+[。！？；!?;\n]*|[。！？；!?;\n]+/g) || [];
    var out = [];
    var current = "";
    for (var i = 0; i < sentences.length; i++) {
      var s = sentences[i].trim();
      if (!s) {
        continue;
      }
      if (current && (current + s).length > 120) {
        out.push(current);
        current = "";
      }
      current += s;
    }
    if (current) {
      out.push(current);
    }
    return out;
  }

  function reset() {
    session += 1;
    speaking = false;
    button.textContent = startLabel;
    button.setAttribute("aria-pressed", "false");
  }

  function start() {
    var el = target();
    if (!el) {
      return;
    }
    var parts = chunks(textOf(el));
    if (!parts.length) {
      return;
    }
    synth.cancel();
    session += 1;
    var mine = session;
    var done = function () {
      if (mine === session) {
        reset();
      }
    };
    speaking = true;
    button.textContent = stopLabel;
    button.setAttribute("aria-pressed", "true");
    parts.forEach(function (part, index) {
      var utterance = new window.SpeechSynthesisUtterance(part);
      utterance.lang = "zh-CN";
      utterance.rate = 0.9;
      if (index === parts.length - 1) {
        utterance.onend = done;
      }
      utterance.onerror = done;
      synth.speak(utterance);
    });
  }

  button.addEventListener("click", function () {
    if (speaking) {
      synth.cancel();
      reset();
    } else {
      start();
    }
  });
  window.addEventListener("pagehide", function () {
    synth.cancel();
  });
  button.setAttribute("aria-pressed", "false");
  button.hidden = false;
})();
