/* Exhibition maps: progressive enhancement of the map block
   (exhibitions/templates/exhibitions/blocks/map.html).

   Each block carries its places and routes as JSON (a <script type="application/json">
   named by the container's data-map) and lists them as text, which is what visitors
   without JavaScript and screen-reader users read. Here each block becomes a Leaflet
   map: places as circle markers, routes as lines, each with its name as a tooltip.

   Nothing is fetched from another server by default: the base layer is the bundled
   land outlines (land-110m.geojson, Natural Earth, see LAND-LICENSE.txt), fetched once
   per page from our own static files. Only when settings.HERITAGE_MAP_TILES names a
   tile server (data-tiles-url) are tiles drawn instead.

   Loaded once per page by the first map block; loading it again does nothing. */
(function () {
  "use strict";

  if (window.heritageMaps) {
    return;
  }

  var STARTED = "mapStarted";
  var landRequests = {};

  function reducedMotion() {
    return window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  }

  /* The land outlines, fetched once per URL however many maps the page has. */
  function landOutlines(url) {
    if (!landRequests[url]) {
      landRequests[url] = fetch(url, { credentials: "same-origin" }).then(function (response) {
        if (!response.ok) {
          throw new Error("Land outlines: HTTP " + response.status);
        }
        return response.json();
      });
    }
    return landRequests[url];
  }

  /* A colour from the block's CSS custom properties (map.css), so the map follows the site's palette. */
  function colour(element, name, fallback) {
    var value = window.getComputedStyle(element).getPropertyValue(name).trim();
    return value || fallback;
  }

  function isRightToLeft(element) {
    return window.getComputedStyle(element).direction === "rtl";
  }

  function readData(container) {
    var source = document.getElementById(container.dataset.map || "");
    if (!source) {
      return null;
    }
    try {
      return JSON.parse(source.textContent);
    } catch (error) {
      return null;
    }
  }

  /* Places and routes are keyboard stops with their name (Leaflet shows the tooltip on
     focus); the rings at the routes' ends only repeat the routes, so they are not. */
  function describe(layer, label) {
    var element = layer.getElement();
    if (!element) {
      return;
    }
    if (label) {
      element.setAttribute("tabindex", "0");
      element.setAttribute("role", "img");
      element.setAttribute("aria-label", label);
    } else {
      element.setAttribute("tabindex", "-1");
      element.setAttribute("aria-hidden", "true");
    }
  }

  function start(container) {
    if (container.dataset[STARTED]) {
      return null;
    }
    var data = readData(container);
    if (!data) {
      return null;
    }
    container.dataset[STARTED] = "true";

    var rtl = isRightToLeft(container);
    var animate = !reducedMotion();
    var tilesUrl = container.dataset.tilesUrl || "";
    var palette = {
      place: colour(container, "--map-place", "#a3402a"),
      placeEdge: colour(container, "--map-place-edge", "#ffffff"),
      route: colour(container, "--map-route", "#1f5f8b"),
      city: colour(container, "--map-city", "#1d2326"),
      land: colour(container, "--map-land", "#f4efe6"),
      coast: colour(container, "--map-coast", "#b5a892")
    };

    // Shown only now: without JavaScript (or Leaflet) there is no empty box, just the list.
    container.hidden = false;
    var map = L.map(container, {
      zoomControl: false,
      attributionControl: false,
      scrollWheelZoom: false, // scrolling the page must not get stuck in the map
      keyboard: true, // arrow keys pan, + and - zoom, once the map has focus
      minZoom: 1,
      maxZoom: tilesUrl ? 18 : 12,
      worldCopyJump: false,
      zoomAnimation: animate,
      fadeAnimation: animate,
      markerZoomAnimation: animate,
      inertia: animate
    });
    // Controls sit on the inline-start side: top left, or top right in Arabic.
    L.control
      .zoom({
        position: rtl ? "topright" : "topleft",
        zoomInTitle: container.dataset.zoomIn || "Zoom in",
        zoomOutTitle: container.dataset.zoomOut || "Zoom out"
      })
      .addTo(map);
    L.control.attribution({ position: rtl ? "bottomleft" : "bottomright" }).addTo(map);

    if (tilesUrl) {
      L.tileLayer(tilesUrl, { attribution: container.dataset.tilesAttribution || "" }).addTo(map);
    } else {
      // The land under everything else, in its own pane below the places and routes
      // (it arrives after them).
      map.createPane("heritage-land").style.zIndex = 250;
      landOutlines(container.dataset.landUrl)
        .then(function (geojson) {
          L.geoJSON(geojson, {
            pane: "heritage-land",
            interactive: false,
            attribution: "Natural Earth",
            style: { color: palette.coast, weight: 1, fillColor: palette.land, fillOpacity: 1 }
          }).addTo(map);
          container.classList.add("map-block__map--land");
        })
        .catch(function (error) {
          container.classList.add("map-block__map--no-land");
          if (window.console) {
            window.console.warn(error);
          }
        });
    }

    var bounds = L.latLngBounds([]);
    var arrow = rtl ? " \u2190 " : " \u2192 ";
    var separator = container.dataset.labelSeparator || ": ";
    var cities = {};
    var labelled = []; // [layer, label]: described once the map has a view and they have elements

    (data.routes || []).forEach(function (route) {
      var text = route.from + arrow + route.to + (route.label ? separator + route.label : "");
      var line = L.polyline(route.points, {
        color: palette.route,
        weight: 3,
        opacity: 0.9,
        dashArray: "8 6",
        lineCap: "round",
        className: "map-block__route-line"
      })
        .bindTooltip(text, { sticky: true, direction: "top" })
        .addTo(map);
      labelled.push([line, text]);
      // Each city a route joins, once, as a small ring.
      [
        [route.points[0], route.from],
        [route.points[route.points.length - 1], route.to]
      ].forEach(function (end) {
        var key = end[0].join(",");
        if (cities[key]) {
          return;
        }
        cities[key] = L.circleMarker(end[0], {
          radius: 5,
          weight: 2,
          color: palette.city,
          fillColor: "#ffffff",
          fillOpacity: 1,
          className: "map-block__city-marker"
        })
          .bindTooltip(end[1], { direction: "top", offset: [0, -4] })
          .addTo(map);
        labelled.push([cities[key], ""]);
      });
      route.points.forEach(function (point) {
        bounds.extend(point);
      });
    });

    (data.places || []).forEach(function (place) {
      var marker = L.circleMarker([place.lat, place.lng], {
        radius: 7,
        weight: 2,
        color: palette.placeEdge,
        fillColor: palette.place,
        fillOpacity: 1,
        className: "map-block__place-marker"
      })
        .bindTooltip(place.name, { direction: "top", offset: [0, -6] })
        .addTo(map);
      labelled.push([marker, place.name]);
      bounds.extend([place.lat, place.lng]);
    });

    function fit() {
      if (bounds.isValid()) {
        map.fitBounds(bounds, { padding: [40, 40], maxZoom: tilesUrl ? 14 : 8, animate: false });
      } else {
        map.setView([30, 10], 2, { animate: false });
      }
    }
    fit();
    // When the block changes size (a phone turned, a window resized), keep everything in
    // view, until the visitor moves or zooms the map themselves.
    var visitorMoved = false;
    ["pointerdown", "keydown"].forEach(function (type) {
      container.addEventListener(type, function () {
        visitorMoved = true;
      });
    });
    if (typeof window.ResizeObserver === "function") {
      new window.ResizeObserver(function () {
        map.invalidateSize({ animate: false });
        if (!visitorMoved) {
          fit();
        }
      }).observe(container);
    }
    labelled.forEach(function (pair) {
      describe(pair[0], pair[1]);
    });
    container.heritageMap = map;
    return map;
  }

  function startAll(root) {
    if (typeof window.L === "undefined") {
      return []; // Leaflet did not load: the text list stays the content
    }
    var maps = [];
    (root || document).querySelectorAll(".map-block__map[data-map]").forEach(function (container) {
      var map = start(container);
      if (map) {
        maps.push(map);
      }
    });
    return maps;
  }

  window.heritageMaps = { start: startAll };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () {
      startAll(document);
    });
  } else {
    startAll(document);
  }
})();
