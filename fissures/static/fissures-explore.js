/* The explorer: every event on a map and on a zoomable timeline, linked, filtered, searchable, with its
 * state in the address (explore.html#event=ID&type=shelling&from=2023-05-01 …) and a list as its
 * accessible twin. Works from a folder of files: the data arrives as a script (explore-data.js).
 * Strings from data are set with textContent only; the words come from the page (data.words). */
(function () {
  "use strict";

  var FM = window.FissuresMap;
  var el = FM.el;
  var say = FM.say;
  var DAY = 86400000;
  var PAGE = 100;  // list items shown at a time

  function day(iso) { return Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)); }
  function iso(t) { return new Date(t).toISOString().slice(0, 10); }
  function fold(text) {  // for search: lower case, without accents
    return String(text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function Explorer(root, data) {
    this.root = root;
    this.data = data;
    this.words = data.words;
    var events = data.events;
    this.t0 = events.map(function (e) { return day(e.date); });
    this.t1 = events.map(function (e) { return day(e.end || e.date) + DAY; });
    var min = Infinity;
    var max = -Infinity;
    for (var i = 0; i < events.length; i++) { min = Math.min(min, this.t0[i]); max = Math.max(max, this.t1[i]); }
    this.min = min - 3 * DAY;
    this.max = max + 3 * DAY;
    this.view = [this.min, this.max];
    this.text = [];  // what a search looks in, made the first time someone searches
    this.state = { types: null, statuses: null, claimant: "", region: "", chapter: "", q: "", from: "", to: "", event: "" };
    this.shown = PAGE;
    this.build();
    this.readHash();
    if (this.state.event && this.root.clientWidth < 900) {  // on a phone, open on the map and its sheet
      this.root.querySelector("#ex-map").scrollIntoView();
    }
    var self = this;
    window.addEventListener("hashchange", function () { self.readHash(); });
  }

  /* --- The page's parts ------------------------------------------------------------------------- */

  Explorer.prototype.build = function () {
    var self = this;
    var q = function (sel) { return self.root.querySelector(sel); };
    this.form = q(".ex-filters");
    this.search = q("#ex-q");
    this.from = q("#ex-from");
    this.to = q("#ex-to");
    this.count = q(".ex-count");
    this.list = q(".ex-list ol");
    this.more = q(".ex-more");
    this.canvas = q(".ex-timeline canvas");
    this.claimant = q("#ex-claimant");
    this.region = q("#ex-region");
    this.chapter = q("#ex-chapter");
    this.typeBoxes = this.checkboxes(q(".ex-types"), this.data.types, "type");
    this.statusBoxes = this.checkboxes(q(".ex-statuses"), this.data.statuses, "status");
    this.options(this.claimant, this.claimants());
    this.options(this.region, this.regions());
    this.options(this.chapter, this.data.chapters.map(function (c) { return [c.href.replace(/\.html$/, ""), c.title]; }));
    this.from.min = this.to.min = iso(this.min + 3 * DAY);
    this.from.max = this.to.max = iso(this.max - 3 * DAY);
    var changed = function () { self.fromForm(); };
    this.form.addEventListener("input", changed);
    this.form.addEventListener("change", changed);
    this.form.addEventListener("submit", function (event) { event.preventDefault(); changed(); });
    q(".ex-reset").addEventListener("click", function () {
      self.state = { types: null, statuses: null, claimant: "", region: "", chapter: "", q: "", from: "", to: "", event: "" };
      self.view = [self.min, self.max];
      self.toForm();
      self.apply(true);
    });
    this.more.addEventListener("click", function () { self.shown += PAGE; self.renderList(); });
    q(".ex-zoom-in").addEventListener("click", function () { self.zoom(0.5); });
    q(".ex-zoom-out").addEventListener("click", function () { self.zoom(2); });
    q(".ex-zoom-all").addEventListener("click", function () { self.view = [self.min, self.max]; self.draw(); });
    this.map = FM.create(q("#ex-map"), this.data, {
      bbox: this.data.bbox, sourcesPage: "sources.html", pagePrefix: "", explorerPage: "",
      onOpenPlace: function () { self.state.event = ""; self.writeHash(); }
    });
    this.map.panel.onClose = function () { self.map.select(null); self.state.event = ""; self.writeHash(); self.draw(); };
    this.timeline();
    window.addEventListener("resize", function () { self.draw(); });
  };

  Explorer.prototype.checkboxes = function (box, items, name) {
    var self = this;
    return items.map(function (item, i) {
      var label = el("label", "ex-check");
      var input = el("input");
      input.type = "checkbox"; input.checked = true; input.name = name; input.value = item.id;
      label.appendChild(input);
      if (name === "type") {
        var dot = el("span", "fm-ev fm-confirmed");
        dot.style.setProperty("--c", FM.colourOf(self.data, i));
        dot.setAttribute("aria-hidden", "true");
        label.appendChild(dot);
      }
      label.appendChild(document.createTextNode(" " + item.label));
      box.appendChild(label);
      return input;
    });
  };

  Explorer.prototype.options = function (select, pairs) {
    pairs.forEach(function (pair) {
      var option = el("option", null, pair[1]);
      option.value = pair[0];
      select.appendChild(option);
    });
  };

  Explorer.prototype.claimants = function () {
    var seen = {};
    this.data.events.forEach(function (e) {
      String(e.claimed_by || "").split(";").forEach(function (who) {
        who = who.trim();
        if (who) { seen[who] = (seen[who] || 0) + 1; }
      });
    });
    return Object.keys(seen).sort(function (a, b) { return seen[b] - seen[a] || (a < b ? -1 : 1); })
      .map(function (who) { return [who, who + " (" + seen[who] + ")"]; });
  };

  Explorer.prototype.regions = function () {
    var seen = {};
    this.data.places.forEach(function (p) { if (p.region) { seen[p.region] = true; } });
    return Object.keys(seen).sort().map(function (r) { return [r, r]; });
  };

  /* --- State: the form, the address and the filter ------------------------------------------- */

  Explorer.prototype.fromForm = function () {
    var pick = function (boxes) {
      var on = boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
      return on.length === boxes.length ? null : on;
    };
    this.state.types = pick(this.typeBoxes);
    this.state.statuses = pick(this.statusBoxes);
    this.state.claimant = this.claimant.value;
    this.state.region = this.region.value;
    this.state.chapter = this.chapter.value;
    this.state.q = this.search.value.trim();
    this.state.from = this.from.value;
    this.state.to = this.to.value;
    this.apply(true);
  };

  Explorer.prototype.toForm = function () {
    var s = this.state;
    var set = function (boxes, on) { boxes.forEach(function (b) { b.checked = !on || on.indexOf(b.value) >= 0; }); };
    set(this.typeBoxes, s.types);
    set(this.statusBoxes, s.statuses);
    this.claimant.value = s.claimant;
    this.region.value = s.region;
    this.chapter.value = s.chapter;
    this.search.value = s.q;
    this.from.value = s.from;
    this.to.value = s.to;
  };

  Explorer.prototype.readHash = function () {
    var params = new URLSearchParams(window.location.hash.replace(/^#/, ""));
    var list = function (key) { return params.has(key) ? params.get(key).split(",").filter(Boolean) : null; };
    this.state = { types: list("type"), statuses: list("status"), claimant: params.get("claimant") || "",
                   region: params.get("region") || "", chapter: params.get("chapter") || "", q: params.get("q") || "",
                   from: params.get("from") || "", to: params.get("to") || "", event: params.get("event") || "" };
    if (this.state.from || this.state.to) {
      this.view = [this.state.from ? day(this.state.from) - 2 * DAY : this.min,
                   this.state.to ? day(this.state.to) + 3 * DAY : this.max];
    }
    this.toForm();
    this.apply(false);
    if (this.state.event) {
      var index = this.indexOf(this.state.event);
      if (index >= 0) { this.choose(index, false); }
    }
  };

  Explorer.prototype.writeHash = function () {
    var s = this.state;
    var parts = [];
    var add = function (key, value) { if (value) { parts.push(key + "=" + encodeURIComponent(value)); } };
    add("event", s.event);
    add("type", s.types && s.types.join(","));
    add("status", s.statuses && s.statuses.join(","));
    add("claimant", s.claimant); add("region", s.region); add("chapter", s.chapter); add("q", s.q);
    add("from", s.from); add("to", s.to);
    var hash = parts.length ? "#" + parts.join("&") : "";
    if (hash !== window.location.hash) { history.replaceState(null, "", hash || window.location.pathname); }
  };

  Explorer.prototype.indexOf = function (id) {
    for (var i = 0; i < this.data.events.length; i++) { if (this.data.events[i].id === id) { return i; } }
    return -1;
  };

  Explorer.prototype.passes = function (i) {
    var s = this.state;
    var e = this.data.events[i];
    var data = this.data;
    if (s.types && s.types.indexOf(data.types[e.type].id) < 0) { return false; }
    if (s.statuses && s.statuses.indexOf(data.statuses[e.status].id) < 0) { return false; }
    if (s.claimant && String(e.claimed_by || "").split(";").map(function (w) { return w.trim(); }).indexOf(s.claimant) < 0) {
      return false;
    }
    if (s.region && data.places[e.place].region !== s.region) { return false; }
    if (s.chapter) {
      var href = s.chapter + ".html";
      var inChapter = (e.chapters || []).some(function (c) { return data.chapters[c].href === href; });
      if (!inChapter) { return false; }
    }
    if (s.from && this.t1[i] <= day(s.from)) { return false; }
    if (s.to && this.t0[i] > day(s.to)) { return false; }
    if (this.query) {
      var text = this.text[i] || (this.text[i] = this.searchText(e));
      for (var w = 0; w < this.query.length; w++) { if (text.indexOf(this.query[w]) < 0) { return false; } }
    }
    return true;
  };

  Explorer.prototype.searchText = function (e) {  // an event's summary, label, places, claimants and sources
    var data = this.data;
    var place = data.places[e.place];
    var sources = (e.sources || []).map(function (i) { return data.sources[i].label + " " + data.sources[i].title; });
    return fold([e.summary, e.label, e.at, place.name, (place.also || []).join(" "), place.region, e.claimed_by]
      .concat(sources).join(" "));
  };

  Explorer.prototype.apply = function (write) {
    this.query = this.state.q ? fold(this.state.q).split(/\s+/).filter(Boolean) : null;
    var visible = [];
    var n = 0;
    for (var i = 0; i < this.data.events.length; i++) {
      visible.push(this.passes(i));
      if (visible[i]) { n += 1; }
    }
    this.visible = visible;
    this.version = (this.version || 0) + 1;  // the timeline repaints its marks
    this.map.setVisible(visible);
    this.count.textContent = say(this.words.counter, { shown: n, total: this.data.events.length });
    this.shown = PAGE;
    this.renderList();
    this.draw();
    if (write) { this.writeHash(); }
  };

  Explorer.prototype.choose = function (index, write) {
    var e = this.data.events[index];
    this.state.event = e.id;
    this.selected = index;
    this.map.select(index);
    var t = this.t0[index];
    if (t < this.view[0] || t > this.view[1]) {
      var half = (this.view[1] - this.view[0]) / 2;
      this.view = [t - half, t + half];
    }
    this.draw();
    var item = this.list.querySelector('[data-event="' + CSS.escape(e.id) + '"]');
    this.list.querySelectorAll(".ex-chosen").forEach(function (n) { n.classList.remove("ex-chosen"); });
    if (item) { item.classList.add("ex-chosen"); }
    if (write !== false) { this.writeHash(); }
  };

  /* --- The list: the accessible twin ------------------------------------------------------------ */

  Explorer.prototype.renderList = function () {
    var data = this.data;
    var self = this;
    this.list.textContent = "";
    var total = 0;
    for (var i = 0; i < data.events.length; i++) {
      if (!this.visible[i]) { continue; }
      total += 1;
      if (total > this.shown) { continue; }
      var e = data.events[i];
      var item = el("li", "ex-item fm-status-" + FM.statusId(data, e.status));
      item.setAttribute("data-event", e.id);
      var link = el("a", null, e.when + " · " + (e.at || data.places[e.place].name) + " · " + e.label);
      link.href = "#event=" + encodeURIComponent(e.id);
      (function (index) {
        link.addEventListener("click", function (event) { event.preventDefault(); self.choose(index); });
      }(i));
      item.appendChild(link);
      var meta = el("span", "ex-meta", " " + data.types[e.type].label + " · " + data.statuses[e.status].label);
      item.appendChild(meta);
      if (this.selected === i) { item.classList.add("ex-chosen"); }
      this.list.appendChild(item);
    }
    this.more.hidden = total <= this.shown;
    this.more.textContent = say(this.words.show_more, { n: Math.min(PAGE, total - this.shown) });
  };

  /* --- The timeline: lanes by event type, marks by status, a brush for the time window ----------- */

  Explorer.prototype.timeline = function () {
    var self = this;
    var canvas = this.canvas;
    var drag = null;
    var x = function (event) { var r = canvas.getBoundingClientRect(); return event.clientX - r.left; };
    var toTime = function (px) {
      var g = self.layout();
      return self.view[0] + ((px - g.left) / (canvas.clientWidth - g.left)) * (self.view[1] - self.view[0]);
    };
    canvas.addEventListener("pointerdown", function (event) {
      canvas.setPointerCapture(event.pointerId);
      drag = { start: x(event), now: x(event), moved: false };
    });
    canvas.addEventListener("pointermove", function (event) {
      if (!drag) { return; }
      drag.now = x(event);
      drag.moved = drag.moved || Math.abs(drag.now - drag.start) > 4;
      self.brush = drag.moved ? [toTime(Math.min(drag.start, drag.now)), toTime(Math.max(drag.start, drag.now))] : null;
      self.draw();
    });
    canvas.addEventListener("pointerup", function (event) {
      if (!drag) { return; }
      var moved = drag.moved;
      var px = x(event);
      drag = null;
      if (moved && self.brush) {  // a brushed window filters everything
        self.state.from = iso(self.brush[0]);
        self.state.to = iso(self.brush[1] - 1);
        self.brush = null;
        self.toForm();
        self.apply(true);
      } else {
        var hit = self.hit(px, event.clientY - canvas.getBoundingClientRect().top);
        if (hit >= 0) { self.choose(hit); }
      }
    });
    canvas.addEventListener("wheel", function (event) {
      event.preventDefault();
      self.zoom(event.deltaY > 0 ? 1.25 : 0.8, toTime(x(event)));
    }, { passive: false });
  };

  Explorer.prototype.zoom = function (factor, centre) {
    var span = (this.view[1] - this.view[0]) * factor;
    span = Math.max(14 * DAY, Math.min(span, this.max - this.min));
    centre = centre === undefined ? (this.view[0] + this.view[1]) / 2 : centre;
    var share = (centre - this.view[0]) / (this.view[1] - this.view[0]);
    var start = Math.max(this.min, Math.min(centre - share * span, this.max - span));
    this.view = [start, start + span];
    this.draw();
  };

  Explorer.prototype.layout = function () {  // lanes by type; their names in a gutter, or inside them on phones
    var lanes = this.data.types.length;
    var wide = this.canvas.clientWidth >= 600;
    return { lane: wide ? 18 : 20, top: 26, left: wide ? 130 : 0, lanes: lanes, height: 26 + lanes * (wide ? 18 : 20) + 8 };
  };

  Explorer.prototype.x = function (t, g) {  // a time's x on the canvas
    return g.left + (t - this.view[0]) / (this.view[1] - this.view[0]) * (this.canvas.clientWidth - g.left);
  };

  Explorer.prototype.hit = function (px, py) {
    var g = this.layout();
    var lane = Math.floor((py - g.top) / g.lane);
    var best = -1;
    var bestD = 7;
    for (var i = 0; i < this.data.events.length; i++) {
      if (!this.visible[i] || this.data.events[i].type !== lane) { continue; }
      var x0 = this.x(this.t0[i], g);
      var x1 = this.x(this.t1[i], g);
      var d = px < x0 ? x0 - px : px > x1 ? px - x1 : 0;
      if (d < bestD) { bestD = d; best = i; }
    }
    return best;
  };

  Explorer.prototype.draw = function () {
    // The marks are painted once per view, filter and choice into a canvas of their own; a brush
    // being dragged only copies it and shades the window, so dragging stays smooth at any size.
    var canvas = this.canvas;
    var g = this.layout();
    var ratio = window.devicePixelRatio || 1;
    var width = canvas.clientWidth;
    var key = [this.view[0], this.view[1], width, ratio, this.version, this.selected, this.state.from, this.state.to].join();
    if (!this.marks || this.marksKey !== key) {
      this.marks = this.marks || document.createElement("canvas");
      this.marks.width = Math.round(width * ratio);
      this.marks.height = Math.round(g.height * ratio);
      var paint = this.marks.getContext("2d");
      paint.setTransform(ratio, 0, 0, ratio, 0, 0);
      this.paint(paint, g, width);
      this.marksKey = key;
    }
    canvas.style.height = g.height + "px";
    if (canvas.width !== this.marks.width || canvas.height !== this.marks.height) {
      canvas.width = this.marks.width;
      canvas.height = this.marks.height;
    }
    var ctx = canvas.getContext("2d");
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(this.marks, 0, 0);
    if (this.brush) {
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      ctx.fillStyle = "rgba(0, 114, 178, 0.18)";
      var b0 = this.x(this.brush[0], g);
      ctx.fillRect(b0, g.top - 4, this.x(this.brush[1], g) - b0, g.height - g.top);
    }
    this.drawn = (this.drawn || 0) + 1;  // read by bench/bench_maps.py to measure frames per second
  };

  Explorer.prototype.paint = function (ctx, g, width) {  // the month lines, lanes and marks of the current view
    ctx.clearRect(0, 0, width, g.height);
    var view = this.view;
    var span = view[1] - view[0];
    var self = this;
    var px = function (t) { return self.x(t, g); };
    ctx.font = "12px 'DejaVu Sans', Arial, sans-serif";
    ctx.textBaseline = "top";
    // Month lines across the lanes, named in the edition's words, as many names as fit.
    var months = this.data.calendar.months;
    var d = new Date(view[0]);
    var tick = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    var perMonth = (width - g.left) / (span / (30.44 * DAY));
    var every = [1, 2, 3, 6, 12].filter(function (n) { return n * perMonth >= 72; })[0] || 24;
    while (tick < view[1]) {
      var key = iso(tick).slice(0, 7);
      var xx = px(tick);
      if (xx >= g.left) {
        ctx.fillStyle = "#d0d0d0";
        ctx.fillRect(xx, g.top - 4, 1, g.height - g.top);
        if ((+key.slice(5) - 1) % every === 0 && xx < width - 40) {
          ctx.fillStyle = "#4d4d4d";
          ctx.fillText(months[key] || key, xx + 3, 4);
        }
      }
      var next = new Date(tick);
      tick = Date.UTC(next.getUTCFullYear(), next.getUTCMonth() + 1, 1);
    }
    // The chosen window, shaded.
    var s = this.state;
    if (s.from || s.to) {
      ctx.fillStyle = "rgba(255, 226, 130, 0.45)";
      var a = s.from ? px(day(s.from)) : g.left;
      var b = s.to ? px(day(s.to) + DAY) : width;
      ctx.fillRect(a, g.top - 4, b - a, g.height - g.top);
    }
    for (var lane = 0; lane < g.lanes; lane++) {
      ctx.fillStyle = lane % 2 ? "#fafafa" : "#f2f2f2";
      ctx.fillRect(0, g.top + lane * g.lane, width, g.lane);
      ctx.fillStyle = g.left ? "#1a1a1a" : "rgba(26, 26, 26, 0.55)";
      ctx.font = (g.left ? "12px" : "11px") + " 'DejaVu Sans', Arial, sans-serif";
      ctx.textBaseline = "middle";
      ctx.fillText(this.data.types[lane].label, 4, g.top + lane * g.lane + g.lane / 2);
    }
    ctx.textBaseline = "top";
    for (var i = 0; i < this.data.events.length; i++) {
      var e = this.data.events[i];
      var x0 = px(this.t0[i]);
      var x1 = px(this.t1[i]);
      if (x1 < g.left - 4 || x0 > width + 4) { continue; }
      var y = g.top + e.type * g.lane + g.lane / 2;
      var colour = FM.colourOf(this.data, e.type);
      ctx.globalAlpha = this.visible[i] ? 1 : 0.15;
      ctx.strokeStyle = colour;
      ctx.fillStyle = this.data.statuses[e.status].id === "confirmed" ? colour : "#ffffff";
      ctx.lineWidth = 1.6;
      if (x1 - x0 > 8) {
        ctx.fillRect(x0, y - 3, x1 - x0, 6);
        ctx.strokeRect(x0, y - 3, x1 - x0, 6);
      } else {
        ctx.beginPath();
        ctx.arc((x0 + x1) / 2, y, 4.2, 0, 2 * Math.PI);
        ctx.fill();
        ctx.stroke();
      }
    }
    ctx.globalAlpha = 1;
    if (this.selected !== undefined && this.selected !== null) {
      var cx = (px(this.t0[this.selected]) + px(this.t1[this.selected])) / 2;
      var cy = g.top + this.data.events[this.selected].type * g.lane + g.lane / 2;
      ctx.strokeStyle = "#8c2d04";
      ctx.lineWidth = 2.5;
      ctx.beginPath();
      ctx.arc(cx, cy, 8, 0, 2 * Math.PI);
      ctx.stroke();
    }
  };

  window.FissuresExplorer = {
    start: function () {
      var root = document.getElementById("explorer");
      window.fissuresExplorer = new Explorer(root, window.FISSURES_EXPLORE);
      window.fissuresExplorerReady = performance.now();
    }
  };
}());
