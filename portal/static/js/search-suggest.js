// Suggest policy titles while typing in a search box that has data-suggest-url.
// Without JavaScript the search form works the same, just without suggestions.
(function () {
  "use strict";
  var DELAY_MS = 200;

  function attach(input) {
    var list = document.getElementById(input.getAttribute("list"));
    if (!list) {
      return;
    }
    var timer = null;
    var lastAsked = "";
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        var words = input.value.trim();
        if (words.length < 2 || words === lastAsked) {
          return;
        }
        lastAsked = words;
        var url = input.dataset.suggestUrl + "?q=" + encodeURIComponent(words);
        fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
          .then(function (response) { return response.ok ? response.json() : { results: [] }; })
          .then(function (data) {
            list.replaceChildren();
            data.results.forEach(function (result) {
              var option = document.createElement("option");
              option.value = result.title;
              list.appendChild(option);
            });
          })
          .catch(function () { list.replaceChildren(); });
      }, DELAY_MS);
    });
  }

  document.querySelectorAll("input[data-suggest-url][list]").forEach(attach);
})();
