/* Starts the Wagtail admin's widgets whose inline start-up scripts our Content-Security-Policy
 * blocks (no inline script anywhere, GB/T 22239-2019 intrusion prevention). Our template
 * overrides and the CSP middleware leave, in place of each such script,
 *   <div hidden data-gk-init="Name" [data-gk-new] data-gk-args="[json arguments]">
 * which this file turns into `new Name(...args)` or `Name(...args)`, once, on page load and
 * whenever such a marker is added later (a new inline form, a modal). Only Wagtail's panel and
 * chooser start-ups can be called (ALLOWED, the same list as gongkai/accounts/csp.py); the
 * arguments are data (JSON), never code. */
(function () {
  'use strict';

  var ALLOWED = /^(InlinePanel|MultipleChooserPanel|init(Date|Time|DateTime)Chooser|createTaskChooser|[A-Z][A-Za-z]*Chooser)$/;

  function lookup(name) {
    if (!ALLOWED.test(name || '')) return null;
    var target = window[name];
    return typeof target === 'function' ? target : null;
  }

  function start(marker) {
    if (marker.hasAttribute('data-gk-done')) return;
    // Markers inside <template> content are inert until the template is copied into the page.
    if (marker.closest('template')) return;
    var name = marker.getAttribute('data-gk-init');
    var fn = lookup(name);
    if (!fn) return; // its script has not loaded (yet): the next scan tries again
    var args;
    try {
      args = JSON.parse(marker.getAttribute('data-gk-args') || '[]');
    } catch (e) {
      marker.setAttribute('data-gk-done', 'error');
      return;
    }
    marker.setAttribute('data-gk-done', '1');
    if (marker.hasAttribute('data-gk-new')) {
      Reflect.construct(fn, args);
    } else {
      fn.apply(null, args);
    }
  }

  function scan(root) {
    if (root.nodeType !== 1) return;
    if (root.hasAttribute('data-gk-init')) start(root);
    var markers = root.querySelectorAll('[data-gk-init]:not([data-gk-done])');
    for (var i = 0; i < markers.length; i += 1) start(markers[i]);
  }

  function init() {
    scan(document.documentElement);
    new MutationObserver(function (mutations) {
      mutations.forEach(function (mutation) {
        mutation.addedNodes.forEach(scan);
      });
    }).observe(document.documentElement, { childList: true, subtree: true });
    // Scripts loaded after DOMContentLoaded (deferred, async): try the rest once more.
    window.addEventListener('load', function () {
      scan(document.documentElement);
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
