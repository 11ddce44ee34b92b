// Follow-up questions (the GOV.UK "conditional reveal"): each .conditional block names the
// input that controls it (data-reveal-name) and the values (data-reveal-values) or least
// number (data-reveal-at-least) that call for it. This shows a block only while its answer
// is chosen, as soon as it is chosen, without a save. The pages work without it: CSS hides
// blocks tied to radios and boxes, and a block CSS cannot judge shows with a note saying when
// to answer it; saving ignores follow-ups whose answer was not chosen. Loaded as a file
// because the CSP allows no inline script.
(function () {
  "use strict";
  var blocks = document.querySelectorAll(".conditional[data-reveal-name]");
  if (!blocks.length) {
    return;
  }

  function inputsOf(block) {
    var form = block.closest("form");
    var found = form ? form.elements.namedItem(block.getAttribute("data-reveal-name")) : null;
    if (!found) {
      return [];
    }
    return found.length !== undefined && !found.tagName ? Array.prototype.slice.call(found) : [found];
  }

  function calledFor(block, inputs) {
    var floor = block.getAttribute("data-reveal-at-least");
    if (floor !== null) {
      var typed = inputs.length ? inputs[0].value.replace(/[,\s]/g, "") : "";
      return /^-?\d+$/.test(typed) && parseInt(typed, 10) >= parseInt(floor, 10);
    }
    var wanted = (block.getAttribute("data-reveal-values") || "").split(" ");
    return inputs.some(function (input) {
      var chosen = input.type === "radio" || input.type === "checkbox" ? input.checked : true;
      return chosen && wanted.indexOf(input.value) !== -1;
    });
  }

  function update() {
    Array.prototype.forEach.call(blocks, function (block) {
      var inputs = inputsOf(block);
      var shown = calledFor(block, inputs);
      block.classList.toggle("conditional-hidden", !shown);
      // ARIA allows aria-expanded on a checkbox but not on a radio button.
      inputs.forEach(function (input) {
        if (input.type === "checkbox" && input.getAttribute("aria-controls") === block.id) {
          input.setAttribute("aria-expanded", shown ? "true" : "false");
        }
      });
    });
  }

  document.addEventListener("change", update);
  document.addEventListener("input", update);
  update();
})();
