/* Chapter links of an interview seek in the page's own player instead of opening the media file.
   Without JavaScript the links still show the times and open the file at that point (#t=…). */
(function () {
  "use strict";
  var player = document.getElementById("interview-player");
  if (!player) {
    return;
  }
  var status = document.getElementById("interview-status");
  var links = document.querySelectorAll("a[data-seek]");
  Array.prototype.forEach.call(links, function (link) {
    link.addEventListener("click", function (event) {
      var seconds = parseInt(link.getAttribute("data-seek"), 10);
      if (isNaN(seconds)) {
        return;
      }
      event.preventDefault();
      player.currentTime = seconds;
      var playing = player.play();
      if (playing && typeof playing.catch === "function") {
        playing.catch(function () { /* autoplay refused: the position is set, the user presses play */ });
      }
      player.focus();
      if (status) {
        status.textContent = link.getAttribute("data-label") || "";
      }
    });
  });
})();
