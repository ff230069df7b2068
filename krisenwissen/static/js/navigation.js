/* Main navigation: the menu groups are <details> elements and work without this script.
 * It only adds what users expect from menus: opening one group closes the others, Escape closes
 * the open group and returns focus to its label, and a click or focus outside the navigation
 * closes it. */
(function () {
  "use strict";
  var nav = document.querySelector(".site-nav");
  if (!nav) {
    return;
  }
  var groups = Array.prototype.slice.call(nav.querySelectorAll("details.site-nav__details"));

  function closeAll(except) {
    groups.forEach(function (group) {
      if (group !== except) {
        group.open = false;
      }
    });
  }

  groups.forEach(function (group) {
    group.addEventListener("toggle", function () {
      if (group.open) {
        closeAll(group);
      }
    });
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") {
      return;
    }
    groups.forEach(function (group) {
      if (group.open) {
        group.open = false;
        group.querySelector("summary").focus();
      }
    });
  });

  document.addEventListener("click", function (event) {
    if (!nav.contains(event.target)) {
      closeAll(null);
    }
  });

  document.addEventListener("focusin", function (event) {
    if (!nav.contains(event.target)) {
      closeAll(null);
    }
  });
})();
