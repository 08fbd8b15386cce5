// "Within your authority" or "Needs a supervisor", said while the record form is filled in,
// with the button that escalates at once. The rule is rulebook.tier_needed's; the server
// still decides when the form is sent, and without this script it says so then.
(function () {
  "use strict";
  var LEADERSHIP = 3;

  function amountOf(input) {
    var value = input ? input.value.trim() : "";
    return value === "" || isNaN(Number(value)) ? null : Number(value);
  }

  // The lowest tier that may grant the chosen decision for this amount.
  function tierNeeded(chosen, amount, decisions) {
    if (chosen.limit === null || amount === null || amount <= Number(chosen.limit)) {
      return chosen.tier;
    }
    var covering = Object.values(decisions)
      .filter(function (other) {
        return other.path && other.tier > chosen.tier && other.unit === chosen.unit &&
          (other.limit === null || amount <= Number(other.limit));
      })
      .map(function (other) { return other.tier; });
    return covering.length ? Math.min.apply(null, covering) : LEADERSHIP;
  }

  var source = document.getElementById("authority-rules");
  var hint = document.querySelector("[data-authority-hint]");
  if (!source || !hint) {
    return;
  }
  var rules = JSON.parse(source.textContent);
  var form = hint.closest("form");
  var message = hint.querySelector("[data-authority-message]");
  var escalate = hint.querySelector("[data-authority-escalate]");

  function refresh() {
    var checked = form.querySelector("input[name=decision]:checked");
    var chosen = checked && rules.decisions[checked.value];
    if (!chosen) {
      hint.hidden = true;
      return;
    }
    var needed = tierNeeded(chosen, amountOf(form.elements.amount), rules.decisions);
    var within = needed <= rules.tier;
    // Written only when it changes: a button rewritten under the pointer may lose its click.
    var text = within ? rules.within : chosen.needs[needed];
    if (message.textContent !== text) {
      message.textContent = text;
      escalate.textContent = within ? "" : rules.escalate[needed];
    }
    escalate.hidden = within;
    hint.classList.toggle("authority-hint--needs", !within);
    hint.hidden = false;
  }

  form.addEventListener("change", refresh);
  form.addEventListener("input", refresh);
  refresh();
})();
