/* Fissures maps: draw the base layers, the events, the legend and the time control.
 * Every string from data reaches the page through textContent or a validated attribute,
 * never through innerHTML, so data can never become markup or script. */
(function () {
  "use strict";

  var HTTPS = /^https:\/\/[^\s"'<>]+$/;
  var COLOUR = /^#[0-9a-fA-F]{6}$/;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function escapeText(text) {
    var div = document.createElement("div");
    div.textContent = String(text);
    return div.innerHTML;
  }

  function colourOf(types, id) {
    for (var i = 0; i < types.length; i++) {
      if (types[i].id === id && COLOUR.test(types[i].colour)) { return types[i].colour; }
    }
    return "#808080";
  }

  function statusLabel(statuses, id) {
    for (var i = 0; i < statuses.length; i++) { if (statuses[i].id === id) { return statuses[i].label; } }
    return String(id);
  }

  function popupContent(p, data, options) {
    var box = el("div", "fm-popup");
    var when = p.end ? p.date + " to " + p.end : p.date;
    box.appendChild(el("h3", null, when + ", " + p.place));
    box.appendChild(el("p", null, p.summary));
    var status = el("p");
    status.appendChild(el("span", "fm-status", p.status));
    status.appendChild(document.createTextNode(": " + statusLabel(data.statuses, p.status)));
    box.appendChild(status);
    if (p.claimed_by) { box.appendChild(el("p", null, "Claimed by: " + p.claimed_by)); }
    if (p.precision > 1) {
      box.appendChild(el("p", "fm-note", "Location approximate (geo-precision " + p.precision + ")."));
    }
    var list = el("ul");
    (p.sources || []).forEach(function (index) {
      var s = data.sources[index];
      if (!s) { return; }
      var item = el("li");
      var link = el("a", null, s.publisher + ": " + s.title);
      link.href = HTTPS.test(s.url) ? s.url : options.sourcesPage + "#src-" + encodeURIComponent(s.id);
      link.target = "_top";
      link.rel = "noopener";
      item.appendChild(link);
      var entry = el("a", null, " [entry]");
      entry.href = options.sourcesPage + "#src-" + encodeURIComponent(s.id);
      entry.target = "_top";
      item.appendChild(entry);
      list.appendChild(item);
    });
    box.appendChild(el("p", null, "Sources:"));
    box.appendChild(list);
    return box;
  }

  function drawBase(map, base) {
    if (!base) { return null; }
    var land = base.land || [];
    var layer = L.geoJSON(base.countries, {
      interactive: false,
      style: function (f) {
        var ours = land.indexOf(f.properties.iso_a2) >= 0;
        return { color: "#9a9a9a", weight: 0.8, fillColor: ours ? base.colours.land : base.colours.other, fillOpacity: 1 };
      }
    }).addTo(map);
    L.geoJSON(base.border, { interactive: false, style: { color: base.colours.border, weight: 2.5 } }).addTo(map);
    return layer;
  }

  function legend(map, data) {
    var control = L.control({ position: "bottomright" });
    control.onAdd = function () {
      // A <details> box: open on a roomy map, folded to one line on a small one.
      var box = el("details", "fm-panel fm-legend");
      box.open = map.getSize().x >= 720 && map.getSize().y >= 560;
      box.appendChild(el("summary", null, "Legend"));
      box.appendChild(el("h2", null, "Status (fill)"));
      data.statuses.forEach(function (s) {
        var row = el("div", "fm-legend-row");
        var dot = el("span", "fm-ev fm-" + s.id);
        dot.style.setProperty("--c", "#1a1a1a");
        row.appendChild(dot);
        row.appendChild(el("span", null, s.label));
        box.appendChild(row);
      });
      box.appendChild(el("h2", null, "Event type (colour)"));
      data.types.forEach(function (t) {
        var row = el("div", "fm-legend-row");
        var dot = el("span", "fm-ev fm-confirmed");
        dot.style.setProperty("--c", colourOf(data.types, t.id));
        row.appendChild(dot);
        row.appendChild(el("span", null, t.label));
        box.appendChild(row);
      });
      box.appendChild(el("p", "fm-note", "Dashed circles: approximate locations."));
      L.DomEvent.disableClickPropagation(box);
      return box;
    };
    control.addTo(map);
  }

  function labels(map, items, className) {
    (items || []).forEach(function (item) {
      L.marker([item.lat, item.lon], {
        interactive: false, keyboard: false,
        icon: L.divIcon({ className: className, html: escapeText(item.text), iconSize: null, iconAnchor: [-10, 8] })
      }).addTo(map);
    });
  }

  function init(map, tiles, data, options) {
    // The Leaflet credit without its flag: the report takes no side in its chrome.
    map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
    var baseLayer = drawBase(map, window.FISSURES_BASE);
    labels(map, options.labels, "fm-label");
    labels(map, data.places, "fm-label fm-place");
    map.fitBounds(options.bbox);
    // Tiles sit under the vector layers: hide the land fill while they show, and drop them when offline.
    function tilesShown(shown) {
      if (baseLayer) { baseLayer.setStyle({ fillOpacity: shown ? 0 : 1, opacity: shown ? 0 : 1 }); }
    }
    tilesShown(map.hasLayer(tiles));
    var failed = false;
    tiles.on("tileerror", function () {
      if (failed) { return; }
      failed = true;
      map.removeLayer(tiles);
      note.textContent = "Offline: showing the built-in base map.";
    });
    map.on("layeradd", function (e) { if (e.layer === tiles) { tilesShown(true); } });
    map.on("layerremove", function (e) { if (e.layer === tiles) { tilesShown(false); } });

    var features = (data.events && data.events.features) || [];
    var byType = {};
    var markers = [];
    features.forEach(function (f) {
      var p = f.properties;
      var latlng = [f.geometry.coordinates[1], f.geometry.coordinates[0]];
      var colour = colourOf(data.types, p.type);
      var marker = L.marker(latlng, {
        keyboard: true,
        title: p.date + ", " + p.place + ": " + p.summary + " (" + p.status + ")",
        alt: p.summary,
        icon: L.divIcon({ className: "fm-ev fm-" + String(p.status).replace(/[^a-z-]/g, ""), iconSize: [16, 16] })
      });
      marker.on("add", function () {
        var node = marker.getElement();
        if (node) { node.style.setProperty("--c", colour); node.setAttribute("role", "button"); }
      });
      marker.bindPopup(function () { return popupContent(p, data, options); }, { maxWidth: 300 });
      var radius = (data.radius_km || {})[String(p.precision)];
      var area = radius ? L.circle(latlng, { radius: radius * 1000, color: colour, weight: 1.5, dashArray: "4 4",
                                             fillOpacity: 0.08, interactive: false, className: "fm-area" }) : null;
      markers.push({ date: p.date, type: p.type, marker: marker, area: area });
      (byType[p.type] = byType[p.type] || []).push(markers[markers.length - 1]);
    });

    var groups = {};
    var overlays = {};
    data.types.forEach(function (t) {
      var items = byType[t.id] || [];
      var group = (items.length > data.cluster_above && L.markerClusterGroup)
        ? L.markerClusterGroup({ chunkedLoading: true }) : L.featureGroup();
      group.addTo(map);
      groups[t.id] = group;
      overlays[escapeText(t.label) + " (" + items.length + ")"] = group;
    });

    var note = el("span", "fm-note");
    var count = el("span", null);
    count.setAttribute("aria-live", "polite");
    function show(until) {
      var shown = 0;
      data.types.forEach(function (t) {
        var group = groups[t.id];
        group.clearLayers();
        var layers = [];
        (byType[t.id] || []).forEach(function (m) {
          if (!until || m.date <= until) {
            layers.push(m.marker);
            if (m.area) { layers.push(m.area); }
            shown += 1;
          }
        });
        if (group.addLayers) { group.addLayers(layers); } else { layers.forEach(function (l) { group.addLayer(l); }); }
      });
      count.textContent = shown + " of " + markers.length + " events shown";
    }

    L.control.layers(null, Object.assign({ "OpenStreetMap tiles (online only)": tiles }, overlays),
                     { collapsed: true }).addTo(map);
    legend(map, data);

    var dates = markers.map(function (m) { return m.date; }).filter(function (d, i, a) { return a.indexOf(d) === i; }).sort();
    var panel = L.control({ position: "topright" });
    panel.onAdd = function () {
      var box = el("div", "fm-panel fm-time");
      if (options.timeControl && dates.length > 1) {
        var id = "fm-date";
        var label = el("label", null, "Events up to: " + dates[dates.length - 1]);
        label.htmlFor = id;
        var input = el("input");
        input.type = "range"; input.id = id; input.min = "0"; input.max = String(dates.length - 1);
        input.value = String(dates.length - 1); input.step = "1";
        input.addEventListener("input", function () {
          var d = dates[Number(input.value)];
          label.textContent = "Events up to: " + d;
          show(d);
        });
        box.appendChild(label);
        box.appendChild(input);
      }
      box.appendChild(count);
      box.appendChild(el("br"));
      box.appendChild(note);
      L.DomEvent.disableClickPropagation(box);
      return box;
    };
    panel.addTo(map);
    show(null);
    window.fissuresMapReady = performance.now();  // read by the browser tests and bench/
  }

  window.FissuresMap = { init: init };
}());
