/* Fissures maps: a base map that orients offline, one marker per place, and a panel that lists the
 * events of the place chosen. Used by every chapter map and by the explorer.
 *
 * Every string from data reaches the page through textContent or a checked attribute, never through
 * innerHTML, so data can never become markup or script. Every word the map says comes from the page
 * (data.words, written by fissures.maps in the edition's language); dates arrive already written. */
(function () {
  "use strict";

  var HTTPS = /^https:\/\/[^\s"'<>]+$/;
  var COLOUR = /^#[0-9a-fA-F]{6}$/;
  var NARROW = 600;  // px: below this the panel is a sheet under the map
  var MAX_PLACE_NAMES = 300;  // a map of more places names none of them (the panel and the list do)

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function say(template, values) {  // "{shown} of {total}" with values, as text
    return String(template).replace(/\{(\w+)\}/g, function (_m, key) {
      return values[key] === undefined ? "" : String(values[key]);
    });
  }

  function colourOf(data, typeIndex) {
    var t = data.types[typeIndex];
    return t && COLOUR.test(t.colour) ? t.colour : "#808080";
  }

  function siteName(place) {  // a marker's place, with the places that share its point
    return place.name + (place.also && place.also.length ? " (" + place.also.join(", ") + ")" : "");
  }

  function statusId(data, statusIndex) {
    var s = data.statuses[statusIndex];
    return s ? String(s.id).replace(/[^a-z-]/g, "") : "claimed";
  }

  /* --- The base map: countries, the border, and names that never collide ----------------------- */

  function drawBase(map, base) {
    if (!base) { return; }
    var fills = base.colours || {};
    L.geoJSON(base.countries, {
      interactive: false,
      style: function (f) {
        var fill = (fills.countries || {})[f.properties.iso_a2] || fills.other || "#fbfaf7";
        return { color: fills.edge || "#9a9a9a", weight: 0.8, fillColor: fill, fillOpacity: 1 };
      }
    }).addTo(map);
    L.geoJSON(base.border, { interactive: false, style: { color: "#ffffff", weight: 5, opacity: 0.9 } }).addTo(map);
    L.geoJSON(base.border, { interactive: false, style: { color: fills.border || "#1a1a1a", weight: 2.2 } }).addTo(map);
  }

  function Labels(map) {
    this.map = map;
    this.items = [];
    var self = this;
    map.on("zoomend moveend resize", function () { self.layout(); });
  }

  // Where a name may go around its point (CSS px, from the point to the name's box): a city's or a
  // place's name tries the right, the left, above and below; a country's or region's is centred.
  var SPOTS = {
    city: [[7, -8, 0], [-7, -8, -1], [-0.5, -22, -0.5], [-0.5, 6, -0.5]],
    place: [[15, -8, 0], [-15, -8, -1], [-0.5, -28, -0.5], [-0.5, 13, -0.5]],
    other: [[0, -8, -0.5]]
  };

  Labels.prototype.add = function (item) {  // {lat, lon, text, kind, priority, visible, group}
    var marker = L.marker([item.lat, item.lon], {
      interactive: false, keyboard: false,
      icon: L.divIcon({ className: "fm-label fm-label-" + item.kind, html: "", iconSize: null, iconAnchor: [0, 0] })
    });
    marker.addTo(this.map);
    var icon = marker.getElement();  // Leaflet moves this with a transform; the name inside takes its spot
    var node = el("span", "fm-label-text", item.text);
    icon.appendChild(node);
    icon.setAttribute("aria-hidden", "true");  // names are in the panel and the page; the map is a picture of them
    if (item.kind === "city") {  // the city's dot stays on its point, whichever side the name takes
      var dot = L.marker([item.lat, item.lon], {
        interactive: false, keyboard: false,
        icon: L.divIcon({ className: "fm-city-dot", iconSize: [5, 5], iconAnchor: [2.5, 2.5] })
      }).addTo(this.map);
      dot.getElement().setAttribute("aria-hidden", "true");
    }
    item.marker = marker;
    item.node = node;
    item.spots = SPOTS[item.kind] || SPOTS.other;
    if (item.visible === undefined) { item.visible = true; }
    this.items.push(item);
    return item;
  };

  Labels.prototype.avoid = function (boxes) { this.obstacles = boxes; };  // a function: the boxes names keep off

  // Boxes on a grid of 64 px cells, so that a check looks at its neighbours only, not every box.
  function Grid() { this.cells = {}; }
  Grid.prototype.keys = function (b) {
    var out = [];
    for (var x = Math.floor(b.l / 64); x <= Math.floor(b.r / 64); x++) {
      for (var y = Math.floor(b.t / 64); y <= Math.floor(b.b / 64); y++) { out.push(x + "," + y); }
    }
    return out;
  };
  Grid.prototype.add = function (b) {
    this.keys(b).forEach(function (k) { (this.cells[k] = this.cells[k] || []).push(b); }, this);
  };
  Grid.prototype.hits = function (b) {
    return this.keys(b).some(function (k) {
      return (this.cells[k] || []).some(function (o) { return b.l < o.r && o.l < b.r && b.t < o.b && o.t < b.b; });
    }, this);
  };

  Labels.prototype.layout = function () {
    // Higher priority first (a smaller number). Each name takes the first of its spots that overlaps
    // no name already shown, no marker and stays inside the map; a name with no such spot is hidden,
    // and of a group (a country's several possible spots) only the first that fits is shown. Sizes
    // are read once and boxes computed, so that a layout reads nothing from the page but them.
    var map = this.map;
    var size = map.getSize();
    var grid = new Grid();
    (this.obstacles ? this.obstacles() : []).forEach(function (b) { grid.add(b); });
    var groups = {};
    var unmeasured = this.items.filter(function (item) { return item.w === undefined; });
    unmeasured.forEach(function (item) { item.w = item.node.offsetWidth; item.h = item.node.offsetHeight; });
    var order = this.items.slice().sort(function (a, b) { return a.priority - b.priority; });
    order.forEach(function (item) {
      item.spot = null;
      if (!item.visible || (item.group && groups[item.group]) || !item.w) { return; }
      var p = map.latLngToContainerPoint([item.lat, item.lon]);
      if (p.x < -200 || p.y < -50 || p.x > size.x + 200 || p.y > size.y + 50) { return; }
      for (var i = 0; i < item.spots.length; i++) {
        var s = item.spots[i];
        var l = p.x + s[0] + s[2] * item.w;
        var box = { l: l - 2, r: l + item.w + 2, t: p.y + s[1] - 1, b: p.y + s[1] + item.h + 1 };
        if (box.l >= 0 && box.t >= 0 && box.r <= size.x && box.b <= size.y && !grid.hits(box)) {
          grid.add(box);
          item.spot = s;
          if (item.group) { groups[item.group] = true; }
          break;
        }
      }
    });
    this.items.forEach(function (item) {  // then write, in one pass
      var s = item.spot;
      item.node.style.visibility = s ? "visible" : "hidden";
      if (s) { item.node.style.transform = "translate(" + (s[2] * 100) + "%, 0) translate(" + s[0] + "px, " + s[1] + "px)"; }
    });
  };

  /* --- The panel: the events of one place, or one event, inside the frame ---------------------- */

  function Panel(container, data, options) {
    this.data = data;
    this.options = options;
    this.node = el("section", "fm-sheet");
    this.node.setAttribute("aria-label", data.words.details);
    this.node.hidden = true;
    this.heading = el("h2", "fm-sheet-title");
    this.heading.tabIndex = -1;
    var close = el("button", "fm-close", "×");
    close.type = "button";
    close.setAttribute("aria-label", data.words.close);
    var self = this;
    close.addEventListener("click", function () { self.close(); });
    var head = el("div", "fm-sheet-head");
    head.appendChild(this.heading);
    head.appendChild(close);
    this.body = el("div", "fm-sheet-body");
    this.node.appendChild(head);
    this.node.appendChild(this.body);
    container.appendChild(this.node);
    this.returnTo = null;
    this.onClose = null;
  }

  Panel.prototype.sourceLink = function (index) {
    var s = this.data.sources[index];
    if (!s) { return null; }
    var item = el("li");
    var link = el("a", null, s.label);
    link.href = this.options.sourcesPage + "#src-" + encodeURIComponent(s.id);
    link.title = s.id + (s.title ? ": " + s.title : "");
    link.target = "_top";
    item.appendChild(link);
    if (HTTPS.test(s.url || "")) {
      item.appendChild(document.createTextNode(" "));
      var out = el("a", "fm-out", this.data.words.original);
      out.href = s.url;
      out.rel = "noopener";
      out.target = "_blank";
      item.appendChild(out);
    }
    return item;
  };

  Panel.prototype.card = function (e) {
    var data = this.data;
    var words = data.words;
    var place = data.places[e.place] || {};
    var card = el("article", "fm-card fm-status-" + statusId(data, e.status));
    card.id = "fm-event-" + String(e.id).replace(/[^a-z0-9-]/gi, "");
    var title = el("h3", null, e.when + " · " + (e.at || place.name));
    card.appendChild(title);
    var kind = el("p", "fm-kind");
    var swatch = el("span", "fm-ev fm-" + statusId(data, e.status));
    swatch.style.setProperty("--c", colourOf(data, e.type));
    swatch.setAttribute("aria-hidden", "true");
    kind.appendChild(swatch);
    kind.appendChild(document.createTextNode(" " + data.types[e.type].label + " · "));
    kind.appendChild(el("strong", null, data.statuses[e.status].label));
    card.appendChild(kind);
    card.appendChild(el("p", null, e.summary));
    if (e.status_note) { card.appendChild(el("p", "fm-note", e.status_note)); }
    if (e.claimed_by) { card.appendChild(el("p", "fm-claimed", say(words.claimed_by, { who: e.claimed_by }))); }
    if (e.accounts) { card.appendChild(el("p", "fm-accounts", say(words.accounts, { accounts: e.accounts }))); }
    if (e.series) { card.appendChild(el("p", "fm-note", words.from_count)); }
    if (e.approximate && place.approximate) { card.appendChild(el("p", "fm-note", place.approximate)); }
    var list = el("ul", "fm-sources");
    (e.sources || []).forEach(function (i) { var item = this.sourceLink(i); if (item) { list.appendChild(item); } }, this);
    if (list.childNodes.length) {
      card.appendChild(el("p", "fm-sub", words.sources));
      card.appendChild(list);
    }
    if ((e.chapters || []).length) {
      var chapters = el("p", "fm-chapters", words.discussed_in + " ");
      e.chapters.forEach(function (i, n) {
        var c = data.chapters[i];
        if (!c) { return; }
        if (n) { chapters.appendChild(document.createTextNode("; ")); }
        var a = el("a", null, c.title);
        a.href = this.options.pagePrefix + c.href;
        a.target = "_top";
        chapters.appendChild(a);
      }, this);
      card.appendChild(chapters);
    }
    if (this.options.explorerPage) {
      var open = el("a", "fm-explore", words.open_in_explorer);
      open.href = this.options.explorerPage + "#event=" + encodeURIComponent(e.id);
      open.target = "_top";
      card.appendChild(el("p")).appendChild(open);
    }
    return card;
  };

  Panel.prototype.show = function (heading, events, returnTo) {
    this.heading.textContent = heading;
    this.body.textContent = "";
    var limit = this.options.panelLimit || 50;
    events.slice(0, limit).forEach(function (e) { this.body.appendChild(this.card(e)); }, this);
    if (events.length > limit) {
      this.body.appendChild(el("p", "fm-note", say(this.data.words.more_events, { n: events.length - limit })));
    }
    this.node.hidden = false;
    this.node.scrollTop = 0;
    this.body.scrollTop = 0;
    this.returnTo = returnTo || null;
    if (this.onResize) { this.onResize(); }
    this.heading.focus({ preventScroll: true });
  };

  Panel.prototype.close = function () {
    if (this.node.hidden) { return; }
    this.node.hidden = true;
    if (this.onResize) { this.onResize(); }
    if (this.onClose) { this.onClose(); }
    if (this.returnTo && this.returnTo.focus) { this.returnTo.focus(); }
    this.returnTo = null;
  };

  /* --- The map itself ---------------------------------------------------------------------------- */

  function FissuresMap(container, data, options) {
    var self = this;
    options = options || {};
    this.data = data;
    this.options = options;
    this.container = container;
    container.classList.add("fm-frame");
    var canvas = el("div", "fm-canvas");
    container.appendChild(canvas);
    var map = L.map(canvas, { zoomSnap: 0.25, attributionControl: true });
    this.map = map;
    map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
    map.attributionControl.addAttribution(data.words.attribution);
    if (options.bbox) { map.fitBounds(options.bbox); } else { map.setView([50.5, 36.5], 7); }  // before any layer
    drawBase(map, window.FISSURES_BASE);
    this.labels = new Labels(map);
    var base = window.FISSURES_BASE || {};
    ((base.labels && base.labels.features) || []).forEach(function (f) {
      var p = f.properties;
      var name = (data.base_names || {})[p.kind + ":" + p.id] || p.name;
      this.labels.add({ lat: f.geometry.coordinates[1], lon: f.geometry.coordinates[0], text: name, kind: p.kind,
                        priority: p.priority + 1, group: p.kind === "country" ? "country:" + p.id : null });
    }, this);
    this.labels.avoid(function () {  // names keep off the markers (where fan() put them), in map pixels
      var boxes = [];
      Object.keys(self.markers).forEach(function (k) {
        if (!self.map.hasLayer(self.markers[k])) { return; }
        var p = self.map.latLngToContainerPoint(self.markers[k].getLatLng()).add(self.shifts[k] || L.point(0, 0));
        boxes.push({ l: p.x - 13, r: p.x + 13, t: p.y - 13, b: p.y + 13 });
      });
      return boxes;
    });
    this.shifts = {};
    this.panel = new Panel(container, data, options);
    this.placeLabels = {};
    this.markers = {};
    this.areas = {};
    this.visible = data.events.map(function () { return true; });
    this.selected = null;
    this.panel.onClose = function () { self.select(null, false); };
    this.panel.onResize = function () {  // a sheet under a narrow map takes room from it
      if (!container.classList.contains("fm-narrow")) { return; }
      map.invalidateSize({ pan: false });
      if (self.chosenPlace !== undefined && self.markers[self.chosenPlace] && !self.panel.node.hidden) {
        map.panInside(self.markers[self.chosenPlace].getLatLng(), { padding: [30, 30], animate: false });
      }
      self.fan();
    };
    data.places.forEach(function (p, i) { self.addPlace(p, i); });
    var named = {};  // a town the map marks is named by its marker, not twice
    data.places.forEach(function (p) { [p.name].concat(p.also || []).forEach(function (n) { named[n] = true; }); });
    this.labels.items.forEach(function (item) { if (item.kind === "city" && named[item.text]) { item.visible = false; } });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && !self.panel.node.hidden) { self.panel.close(); }
    });
    // On a narrow frame the panel is a sheet under the map, not a box over it.
    var fit = function () {
      container.classList.toggle("fm-narrow", container.clientWidth < NARROW);
      map.invalidateSize();
      self.labels.layout();
    };
    if (window.ResizeObserver) { new ResizeObserver(fit).observe(container); }
    map.on("zoomend", function () { self.fan(); });
    fit();
    this.update();
  }

  FissuresMap.prototype.addPlace = function (place, index) {
    var self = this;
    var latlng = [place.lat, place.lon];
    if (place.radius_km) {
      this.areas[index] = L.circle(latlng, { radius: place.radius_km * 1000, color: "#4d4d4d", weight: 1.2,
                                             dashArray: "4 4", fillOpacity: 0.06, interactive: false,
                                             className: "fm-area" });
    }
    var marker = L.marker(latlng, { keyboard: true, riseOnHover: true,
                                    icon: L.divIcon({ className: "fm-place", iconSize: [22, 22] }) });
    marker.on("click", function () { self.openPlace(index); });
    marker.on("keydown", function (event) {  // a button: Enter and Space open it (Leaflet leaves that to popups)
      var key = event.originalEvent.key;
      if (key === "Enter" || key === " ") {
        event.originalEvent.preventDefault();
        self.openPlace(index);
      }
    });
    this.markers[index] = marker;
    if (this.data.places.length <= MAX_PLACE_NAMES) {  // beyond, the names would only hide each other
      this.placeLabels[index] = this.labels.add({ lat: place.lat, lon: place.lon, text: place.name, kind: "place",
                                                  priority: 0, visible: false });
    }
  };

  FissuresMap.prototype.eventsAt = function (index) {
    var out = [];
    this.data.events.forEach(function (e, i) {
      if (e.place === index && this.visible[i]) { out.push(e); }
    }, this);
    return out;
  };

  FissuresMap.prototype.openPlace = function (index, returnTo) {
    var place = this.data.places[index];
    var events = this.eventsAt(index);
    var marker = this.markers[index];
    this.highlight(index);
    this.panel.show(say(this.data.words.place_heading, { place: siteName(place), events: this.countWords(events.length) }),
                    events, returnTo || (marker && marker.getElement()));
    if (this.options.onOpenPlace) { this.options.onOpenPlace(index, events); }
  };

  FissuresMap.prototype.countWords = function (n) {
    return say(n === 1 ? this.data.words.one_event : this.data.words.n_events, { n: n });
  };

  FissuresMap.prototype.highlight = function (placeIndex) {
    this.chosenPlace = placeIndex;
    Object.keys(this.markers).forEach(function (k) {
      var node = this.markers[k].getElement();
      if (node) { node.classList.toggle("fm-chosen", Number(k) === placeIndex); }
    }, this);
  };

  FissuresMap.prototype.select = function (eventIndex, pan) {
    // One event chosen (from a list or a timeline): its place is highlighted and its card shown.
    this.selected = eventIndex;
    if (eventIndex === null || eventIndex === undefined) { this.highlight(-1); return; }
    var e = this.data.events[eventIndex];
    var place = this.data.places[e.place];
    this.highlight(e.place);
    this.panel.show(e.label || e.when, [e], this.markers[e.place] && this.markers[e.place].getElement());
    if (pan !== false) {  // the event's place in view, at a zoom that names it, clear of the panel
      this.map.setView([place.lat, place.lon], Math.max(this.map.getZoom(), this.options.eventZoom || 8), { animate: false });
      if (!this.container.classList.contains("fm-narrow")) {
        this.map.panBy([this.panel.node.offsetWidth / 2, 0], { animate: false });
      }
    }
  };

  FissuresMap.prototype.fan = function () {
    // Markers closer than a finger's width on screen fan out around their middle, so none hides
    // another at any zoom; a thin line runs from each to its true point. Neighbours are found on a
    // grid of 26 px cells, so that thousands of places stay quick.
    var map = this.map;
    var shown = Object.keys(this.markers).filter(function (k) { return map.hasLayer(this.markers[k]); }, this);
    var points = {};
    var cells = {};
    shown.forEach(function (k) {
      var p = points[k] = map.latLngToLayerPoint(this.markers[k].getLatLng());
      var key = Math.floor(p.x / 26) + "," + Math.floor(p.y / 26);
      (cells[key] = cells[key] || []).push(k);
    }, this);
    var done = {};
    if (this.legs) { this.legs.forEach(function (leg) { map.removeLayer(leg); }); }
    this.legs = [];
    this.shifts = {};
    shown.forEach(function (k) {
      if (done[k]) { return; }
      var cx = Math.floor(points[k].x / 26);
      var cy = Math.floor(points[k].y / 26);
      var group = [];
      for (var x = cx - 1; x <= cx + 1; x++) {
        for (var y = cy - 1; y <= cy + 1; y++) {
          (cells[x + "," + y] || []).forEach(function (j) {
            if (!done[j] && points[j].distanceTo(points[k]) < 26) { group.push(j); done[j] = true; }
          });
        }
      }
      var middle = group.reduce(function (sum, j) { return sum.add(points[j]); }, L.point(0, 0)).divideBy(group.length);
      var radius = group.length > 1 ? 15 + 4 * Math.min(group.length, 12) : 0;
      group.forEach(function (j, n) {
        var angle = -Math.PI / 2 + 2 * Math.PI * n / group.length;
        var at = group.length > 1 ? middle.add(L.point(radius * Math.cos(angle), radius * Math.sin(angle))) : points[j];
        var shift = this.shifts[j] = at.subtract(points[j]);
        var node = this.markers[j].getElement();
        node.style.marginLeft = (shift.x - 11) + "px";
        node.style.marginTop = (shift.y - 11) + "px";
        if (group.length > 1) {
          this.legs.push(L.polyline([this.markers[j].getLatLng(), map.layerPointToLatLng(at)],
                                    { color: "#1a1a1a", weight: 1, interactive: false }).addTo(map));
        }
      }, this);
    }, this);
    this.labels.layout();
  };

  FissuresMap.prototype.setVisible = function (visible) {
    this.visible = visible;
    this.update();
  };

  FissuresMap.prototype.update = function () {
    var counts = {};
    var statusOf = {};
    var typeOf = {};
    this.data.events.forEach(function (e, i) {
      if (!this.visible[i]) { return; }
      counts[e.place] = (counts[e.place] || 0) + 1;
      statusOf[e.place] = counts[e.place] === 1 ? e.status : (statusOf[e.place] === e.status ? e.status : -1);
      typeOf[e.place] = counts[e.place] === 1 ? e.type : (typeOf[e.place] === e.type ? e.type : -1);
    }, this);
    Object.keys(this.markers).forEach(function (k) {
      var marker = this.markers[k];
      var n = counts[k] || 0;
      var area = this.areas[k];
      if (this.placeLabels[k]) { this.placeLabels[k].visible = n > 0; }
      if (!n) {
        if (this.map.hasLayer(marker)) { this.map.removeLayer(marker); }
        if (area && this.map.hasLayer(area)) { this.map.removeLayer(area); }
        return;
      }
      if (!this.map.hasLayer(marker)) { marker.addTo(this.map); }
      if (area && !this.map.hasLayer(area)) { area.addTo(this.map); }
      var node = marker.getElement();
      var place = this.data.places[k];
      var one = n === 1;
      var classes = ["fm-ev", statusOf[k] >= 0 ? "fm-" + statusId(this.data, statusOf[k]) : "fm-mixed"];
      if (!one) { classes.push("fm-many"); }
      if (node.fmClasses) { node.fmClasses.forEach(function (c) { node.classList.remove(c); }); }
      classes.forEach(function (c) { node.classList.add(c); });
      node.fmClasses = classes;
      node.style.setProperty("--c", typeOf[k] >= 0 ? colourOf(this.data, typeOf[k]) : "#1a1a1a");
      node.textContent = one ? "" : String(n);
      var label = say(this.data.words.place_button, { place: siteName(place), events: this.countWords(n) });
      node.setAttribute("role", "button");
      node.setAttribute("aria-label", label);
      node.title = label;
    }, this);
    this.fan();
    if (this.options.onUpdate) {
      var shown = this.visible.filter(Boolean).length;
      this.options.onUpdate(shown, this.data.events.length);
    }
  };

  /* --- The controls of a chapter map: a time slider, a legend that filters, a counter ----------- */

  function controls(fm, options) {
    var data = fm.data;
    var words = data.words;
    var box = el("div", "fm-controls");
    var count = el("p", "fm-count");
    count.setAttribute("aria-live", "polite");
    var until = null;
    var typeOn = data.types.map(function () { return true; });
    function apply() {
      fm.setVisible(data.events.map(function (e) {
        return typeOn[e.type] && (!until || e.date <= until);
      }));
    }
    fm.options.onUpdate = function (shown, total) { count.textContent = say(words.counter, { shown: shown, total: total }); };
    if (options.timeControl && data.dates.length > 1) {
      var label = el("label", "fm-slider-label");
      label.htmlFor = "fm-until";
      var input = el("input");
      input.type = "range"; input.id = "fm-until"; input.min = "0"; input.max = String(data.dates.length - 1);
      input.step = "1"; input.value = input.max;
      var setLabel = function () {
        var d = data.dates[Number(input.value)];
        label.textContent = say(words.until, { date: d[1] });
        input.setAttribute("aria-valuetext", d[1]);
      };
      input.addEventListener("input", function () {
        until = data.dates[Number(input.value)][0];
        setLabel();
        apply();
      });
      setLabel();
      box.appendChild(label);
      box.appendChild(input);
    }
    box.appendChild(count);
    var legend = el("details", "fm-legend");
    legend.open = fm.container.clientWidth >= 720 && fm.container.clientHeight >= 520;
    legend.appendChild(el("summary", null, words.legend));
    var types = el("fieldset");
    types.appendChild(el("legend", null, words.event_types));
    data.types.forEach(function (t, i) {
      var row = el("label", "fm-legend-row");
      var check = el("input");
      check.type = "checkbox"; check.checked = true;
      check.addEventListener("change", function () { typeOn[i] = check.checked; apply(); });
      var dot = el("span", "fm-ev fm-confirmed");
      dot.style.setProperty("--c", colourOf(data, i));
      dot.setAttribute("aria-hidden", "true");
      row.appendChild(check);
      row.appendChild(dot);
      row.appendChild(document.createTextNode(" " + t.label));
      types.appendChild(row);
    });
    legend.appendChild(types);
    var statuses = el("div", "fm-statuses");
    statuses.appendChild(el("p", "fm-sub", words.statuses));
    data.statuses.forEach(function (s) {
      var row = el("div", "fm-legend-row");
      var dot = el("span", "fm-ev fm-" + String(s.id).replace(/[^a-z-]/g, ""));
      dot.style.setProperty("--c", "#1a1a1a");
      dot.setAttribute("aria-hidden", "true");
      row.appendChild(dot);
      row.appendChild(document.createTextNode(" " + s.label));
      statuses.appendChild(row);
    });
    statuses.appendChild(el("p", "fm-note", words.many_here));
    statuses.appendChild(el("p", "fm-note", words.areas));
    legend.appendChild(statuses);
    box.appendChild(legend);
    fm.container.insertBefore(box, fm.container.firstChild);
    apply();
    return box;
  }

  function create(container, data, options) {
    var fm = new FissuresMap(container, data, options || {});
    if (options && options.controls) { controls(fm, options); }
    window.fissuresMapReady = performance.now();  // read by the browser tests and bench/
    return fm;
  }

  window.FissuresMap = { create: create, say: say, el: el, colourOf: colourOf, statusId: statusId, NARROW: NARROW };
}());
