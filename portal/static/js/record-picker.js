// Pick one record among thousands by typing part of its name: the text box of each
// [data-record-picker] becomes a combobox (WAI-ARIA's list autocomplete pattern) that
// asks data-options-url for the matches, and the picked id goes in the hidden select,
// under the filter's own name. Without this script the widget still works: see
// exceptions.widgets.RecordPicker.
(function () {
  "use strict";
  var DELAY_MS = 200;
  var MIN_LENGTH = 2;

  function attach(picker) {
    var input = picker.querySelector("input[type=search]");
    var select = picker.querySelector("select");
    var status = picker.querySelector("[data-record-picker-status]");
    if (!input || !select || !status) {
      return;
    }
    var listbox = document.createElement("ul");
    listbox.id = input.id + "_options";
    listbox.className = "record-picker__options";
    listbox.setAttribute("role", "listbox");
    listbox.setAttribute("aria-label", picker.dataset.matchesLabel);
    listbox.hidden = true;
    picker.appendChild(listbox);

    // The typed words only find a record; the picked id is what the form sends.
    input.removeAttribute("name");
    select.hidden = true;
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", listbox.id);
    input.setAttribute("aria-expanded", "false");

    var emptyOption = select.options[0];
    var picked = select.value ? select.options[select.selectedIndex].text : "";
    var timer = null;
    var asked = "";
    var active = -1;

    function options() {
      return listbox.querySelectorAll("[role=option]");
    }

    function close() {
      listbox.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      var all = options();
      if (!all.length) {
        return;
      }
      active = (index + all.length) % all.length;
      all.forEach(function (option, position) {
        option.setAttribute("aria-selected", position === active ? "true" : "false");
      });
      input.setAttribute("aria-activedescendant", all[active].id);
      all[active].scrollIntoView({ block: "nearest" });
    }

    function pick(option) {
      var chosen = new Option(option.textContent, option.dataset.value, true, true);
      select.replaceChildren(emptyOption, chosen);
      picked = option.textContent;
      input.value = picked;
      status.textContent = picked;
      close();
    }

    function show(results) {
      listbox.replaceChildren();
      results.forEach(function (result, position) {
        var option = document.createElement("li");
        option.id = listbox.id + "_" + position;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.dataset.value = result.id;
        option.textContent = result.label;
        // Picked on mousedown, before the text box loses focus and closes the list.
        option.addEventListener("mousedown", function (event) {
          event.preventDefault();
          pick(option);
        });
        listbox.appendChild(option);
      });
      status.textContent = results.length
        ? picker.dataset.foundText.replace("%(count)s", results.length)
        : picker.dataset.noMatchText;
      listbox.hidden = !results.length;
      input.setAttribute("aria-expanded", results.length ? "true" : "false");
      active = -1;
    }

    function ask() {
      var words = input.value.trim();
      if (words.length < MIN_LENGTH || words === asked) {
        return;
      }
      asked = words;
      var url = picker.dataset.optionsUrl + "?q=" + encodeURIComponent(words);
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) {
          if (input.value.trim() === words) {
            show(data.results);
          }
        })
        .catch(function () { show([]); });
    }

    input.addEventListener("input", function () {
      // Changing the words lets go of the record they named.
      if (input.value !== picked && select.value) {
        select.value = "";
        picked = "";
      }
      window.clearTimeout(timer);
      if (input.value.trim().length < MIN_LENGTH) {
        asked = "";
        close();
        return;
      }
      timer = window.setTimeout(ask, DELAY_MS);
    });

    input.addEventListener("keydown", function (event) {
      var open = !listbox.hidden;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        if (!open && options().length) {
          listbox.hidden = false;
          input.setAttribute("aria-expanded", "true");
        }
        highlight(event.key === "ArrowDown" ? active + 1 : active - 1);
      } else if (event.key === "Enter" && open && active >= 0) {
        event.preventDefault();
        pick(options()[active]);
      } else if (event.key === "Escape" && open) {
        event.preventDefault();
        close();
      }
    });

    input.addEventListener("blur", close);
  }

  document.querySelectorAll("[data-record-picker]").forEach(attach);
})();
