// "Has this happened before?": while the situation is typed, show the most similar
// earlier cases under the same policy. The form works the same without it.
(function () {
  "use strict";
  var DELAY_MS = 400;
  var MIN_LENGTH = 12;

  document.querySelectorAll("[data-similar-url]").forEach(function (panel) {
    var source = document.getElementById(panel.dataset.similarSource);
    var results = panel.querySelector("[data-similar-results]");
    if (!source || !results) {
      return;
    }
    var timer = null;
    var lastAsked = "";

    function refresh() {
      var text = source.value.trim();
      if (text.length < MIN_LENGTH || text === lastAsked) {
        return;
      }
      lastAsked = text;
      fetch(panel.dataset.similarUrl + "&q=" + encodeURIComponent(text), {
        credentials: "same-origin",
        headers: { Accept: "text/html" },
      })
        .then(function (response) { return response.ok ? response.text() : ""; })
        .then(function (html) {
          var fragment = new DOMParser().parseFromString(html, "text/html").body;
          results.replaceChildren.apply(results, Array.from(fragment.childNodes));
          panel.hidden = false;
        })
        .catch(function () { panel.hidden = true; });
    }

    source.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(refresh, DELAY_MS);
    });
    refresh();
  });
})();
