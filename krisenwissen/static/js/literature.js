/* Copy-to-clipboard for citations (progressive enhancement: without JavaScript the text can be
   selected and copied by hand). Each [data-copy-for] placeholder gets a button that copies the
   plain text of the element it names and announces the result in a live region. */
(function () {
  "use strict";
  function setUp(slot) {
    var target = document.getElementById(slot.getAttribute("data-copy-for"));
    if (!target || !navigator.clipboard) { return; }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button button--secondary";
    button.textContent = slot.getAttribute("data-copy-label");
    var status = document.createElement("span");
    status.className = "literature-citation__status";
    status.setAttribute("role", "status");
    button.addEventListener("click", function () {
      var text = target.getAttribute("data-copy-text") || target.textContent;
      navigator.clipboard.writeText(text.trim()).then(function () {
        status.textContent = slot.getAttribute("data-copied-label");
      }, function () {
        status.textContent = slot.getAttribute("data-failed-label");
      });
    });
    slot.appendChild(button);
    slot.appendChild(status);
  }
  function init() {
    var slots = document.querySelectorAll("[data-copy-for]");
    for (var i = 0; i < slots.length; i++) { setUp(slots[i]); }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
