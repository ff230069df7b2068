/* Type-ahead for the municipality field of "Praxisbeispiel einreichen".
 * Progressive enhancement: without this script the "Kommune suchen" button does the same on the server.
 * It fills the field's <datalist> with suggestions from /einreichen/kommunen.json. */
(function () {
  "use strict";
  var input = document.querySelector("input[data-suggest-url]");
  if (!input || !window.fetch) {
    return;
  }
  var list = document.getElementById(input.getAttribute("list"));
  var timer = null;
  var last = "";
  input.addEventListener("input", function () {
    var query = input.value.trim();
    if (query.length < 2 || query === last || /AGS \d{8}/.test(query)) {
      return;
    }
    window.clearTimeout(timer);
    timer = window.setTimeout(function () {
      last = query;
      fetch(input.getAttribute("data-suggest-url") + "?q=" + encodeURIComponent(query), {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      })
        .then(function (response) {
          return response.ok ? response.json() : { results: [] };
        })
        .then(function (data) {
          list.textContent = "";
          data.results.forEach(function (item) {
            var option = document.createElement("option");
            option.value = item.label;
            list.appendChild(option);
          });
        })
        .catch(function () {});
    }, 200);
  });
})();
