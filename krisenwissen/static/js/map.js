/* The map of practices: Länder outlines (offline), clustered practice markers, municipalities.
   Progressive enhancement only: the page works without this file (list link and table).
   No inline script, no request to another host unless a tile server is configured. */
(function () {
  "use strict";

  var container = document.getElementById("practice-map");
  if (!container || typeof window.L === "undefined") {
    return;
  }
  var L = window.L;
  var data = container.dataset;

  function element(tag, text, attributes) {
    var node = document.createElement(tag);
    if (text) {
      node.textContent = text;
    }
    Object.keys(attributes || {}).forEach(function (name) {
      node.setAttribute(name, attributes[name]);
    });
    return node;
  }

  function practicePopup(practice) {
    var box = element("div");
    box.appendChild(element("a", practice.title, { href: practice.url }));
    if (practice.demo) {
      box.appendChild(document.createTextNode(" "));
      box.appendChild(element("span", data.labelDemo, { "class": "badge badge--demo" }));
    }
    box.appendChild(element("div", practice.label || practice.place, { "class": "meta" }));
    return box;
  }

  function placePopup(place) {
    var box = element("div");
    box.appendChild(element("strong", place.name));
    box.appendChild(element("div", place.count + " " + data.labelPractices, { "class": "meta" }));
    box.appendChild(element("a", data.labelPlaceLink, { href: place.url }));
    return box;
  }

  function fail() {
    container.textContent = "";
    container.appendChild(element("p", data.labelError, { "class": "practice-map__fallback" }));
  }

  function getJSON(url) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } }).then(function (r) {
      if (!r.ok) {
        throw new Error(url + " " + r.status);
      }
      return r.json();
    });
  }

  Promise.all([getJSON(data.geoUrl), getJSON(data.dataUrl)]).then(function (results) {
    var outlines = results[0];
    var payload = results[1];
    container.textContent = "";
    var map = L.map(container, { zoomSnap: 0.5, minZoom: 4, maxZoom: 16, keyboard: true });
    map.attributionControl.setPrefix(false);
    if (data.tileUrl) {
      L.tileLayer(data.tileUrl, { attribution: data.tileAttribution || "", maxZoom: 16 }).addTo(map);
    }
    var land = L.geoJSON(outlines, {
      attribution: data.geoAttribution,
      interactive: false,
      style: { color: "#4b5560", weight: 1, fillColor: "#e8f0f7", fillOpacity: data.tileUrl ? 0.1 : 0.8 }
    }).addTo(map);
    map.fitBounds(land.getBounds(), { padding: [8, 8] });

    var clusters = L.markerClusterGroup({ chunkedLoading: true, showCoverageOnHover: false, spiderfyOnMaxZoom: true });
    payload.practices.forEach(function (row) {
      // [title, slug, place index, demo, municipality label]: see maps/services.py
      var place = payload.places[row[2]];
      var practice = {
        title: row[0],
        url: payload.practice_url.replace("{slug}", encodeURIComponent(row[1])),
        demo: row[3] === 1,
        label: row[4],
        place: place.name
      };
      var marker = L.marker([place.lat, place.lon], { title: practice.title, alt: practice.title, keyboard: true });
      marker.bindPopup(function () { return practicePopup(practice); });
      clusters.addLayer(marker);
    });
    clusters.addTo(map);

    var places = L.layerGroup(
      payload.places.map(function (place) {
        var radius = Math.min(4 + Math.sqrt(place.count) * 3, 18);
        return L.circleMarker([place.lat, place.lon], {
          radius: radius, color: "#083a61", weight: 2, fillColor: "#5b2a86", fillOpacity: 0.6
        }).bindPopup(function () { return placePopup(place); });
      })
    );
    var overlays = {};
    overlays[data.labelPractices] = clusters;
    overlays[data.labelPlaces] = places;
    L.control.layers(null, overlays, { collapsed: false }).addTo(map);
    container.classList.add("practice-map--ready");
    container.setAttribute("data-markers", String(payload.practices.length));
  }).catch(fail);
})();
