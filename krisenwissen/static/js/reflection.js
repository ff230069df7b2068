/* Reflexionsraum boards: live refresh and drag and drop for moderators.
 *
 * Progressive enhancement only. Without this script every step works through the forms on the
 * page; with it, the board reloads its cards when somebody else changed them (polling a small
 * fingerprint), and moderators can drag cards into another column or cluster, which posts the
 * same form the "Moderieren" controls post.
 */
(function () {
  "use strict";

  var board = document.getElementById("board-columns");
  if (!board || !window.fetch) {
    return;
  }
  var live = document.getElementById("board-live");
  var POLL_MS = 10000;

  function csrfToken() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function busy() {
    // Never swap the cards while somebody is typing, choosing or has a moderation panel open.
    var active = document.activeElement;
    if (active && board.contains(active) && active !== document.body) {
      return true;
    }
    return board.querySelector("details[open]") !== null;
  }

  function reload(message) {
    return fetch(window.location.pathname, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) {
        return response.ok ? response.text() : Promise.reject(response.status);
      })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        var fresh = doc.getElementById("board-columns");
        var votes = doc.getElementById("votes-status");
        if (fresh) {
          board.innerHTML = fresh.innerHTML;
          board.dataset.stamp = fresh.dataset.stamp;
          enableDragging();
        }
        var currentVotes = document.getElementById("votes-status");
        if (votes && currentVotes) {
          currentVotes.innerHTML = votes.innerHTML;
        }
        if (live && message) {
          live.textContent = message;
        }
      })
      .catch(function () {
        /* the page still works; the next poll tries again */
      });
  }

  function poll() {
    if (document.hidden || busy()) {
      return;
    }
    fetch(board.dataset.stateUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.ok ? response.json() : Promise.reject(response.status);
      })
      .then(function (state) {
        if (state.stamp && state.stamp !== board.dataset.stamp) {
          reload(board.dataset.msgUpdated);
        }
      })
      .catch(function () {});
  }

  window.setInterval(poll, POLL_MS);

  // --- Drag and drop (moderators) ---------------------------------------------------------------
  var dragged = null;

  function post(url, fields) {
    var data = new FormData();
    data.append("csrfmiddlewaretoken", csrfToken());
    Object.keys(fields).forEach(function (key) {
      data.append(key, fields[key]);
    });
    return fetch(url, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { Accept: "application/json", "X-CSRFToken": csrfToken() },
    });
  }

  function enableDragging() {
    if (!board.dataset.moderate) {
      return;
    }
    board.querySelectorAll(".rx-card").forEach(function (card) {
      card.setAttribute("draggable", "true");
    });
  }

  function dropZone(target) {
    return target.closest ? target.closest(".rx-group, .rx-column") : null;
  }

  board.addEventListener("dragstart", function (event) {
    var card = event.target.closest && event.target.closest(".rx-card");
    if (!card || !board.dataset.moderate) {
      return;
    }
    dragged = card;
    card.classList.add("is-dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", card.id);
  });

  board.addEventListener("dragend", function () {
    if (dragged) {
      dragged.classList.remove("is-dragging");
    }
    board.querySelectorAll(".rx-drop-target").forEach(function (el) {
      el.classList.remove("rx-drop-target");
    });
    dragged = null;
  });

  board.addEventListener("dragover", function (event) {
    var zone = dragged && dropZone(event.target);
    if (!zone) {
      return;
    }
    event.preventDefault();
    board.querySelectorAll(".rx-drop-target").forEach(function (el) {
      if (el !== zone) {
        el.classList.remove("rx-drop-target");
      }
    });
    zone.classList.add("rx-drop-target");
  });

  board.addEventListener("drop", function (event) {
    var zone = dragged && dropZone(event.target);
    if (!zone) {
      return;
    }
    event.preventDefault();
    var url = dragged.dataset.moderateUrl;
    var column = zone.closest(".rx-column").dataset.column;
    var group = zone.classList.contains("rx-group") ? zone : null;
    var steps = [function () { return post(url, { action: "move", column: column }); }];
    if (group) {
      steps.push(function () { return post(url, { action: "cluster", cluster: group.dataset.cluster || "" }); });
    }
    steps
      .reduce(function (chain, step) { return chain.then(step); }, Promise.resolve())
      .then(function () { return reload(board.dataset.msgMoved); });
  });

  enableDragging();
})();
