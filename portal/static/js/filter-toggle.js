// A list's filters start open on a wide screen. On a phone they wait behind their
// Filter button, unless some are set (the server marks those open, with or without
// this script). Loaded right after the filters, so they show in their place at once.
(function () {
  "use strict";
  var wide = window.matchMedia("(min-width: 48rem)");
  function fit() {
    document.querySelectorAll("details[data-filters]").forEach(function (filters) {
      filters.open = wide.matches || filters.hasAttribute("data-filters-set");
    });
  }
  fit();
  wide.addEventListener("change", fit);
})();
