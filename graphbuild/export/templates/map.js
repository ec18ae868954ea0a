// The map page's own script: plain JavaScript over vis-network, no other library, nothing fetched.
// Every text that comes from a document or the graph is put into the page with textContent (or drawn on the
// canvas), never parsed as HTML. `data` (the graph) and the globals `nodes`, `edges`, `network` are declared
// just above this script.
(function () {
  "use strict";
  var texts = data.texts;
  var number = new Intl.NumberFormat("fa-IR", {useGrouping: false});
  var FONT = getComputedStyle(document.body).fontFamily;
  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; });
  var edgesOf = {};  // node id → its edge records
  data.edges.forEach(function (e) {
    (edgesOf[e.from] = edgesOf[e.from] || []).push(e);
    (edgesOf[e.to] = edgesOf[e.to] || []).push(e);
  });
  var hooks = {};  // for scripts and tests: window.graphbuildMap

  // --- small DOM helpers: every text goes in through textContent ------------------------------------------
  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }
  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }
  function fa(value) { return number.format(value); }
  function documentName(index) {
    var d = data.documents[index];
    return d.title || d.id;
  }

  // --- tooltips (DOM elements, not HTML strings) -----------------------------------------------------------
  function tooltip(heading) {
    var box = element("div");
    box.dir = "rtl";
    box.lang = "fa";
    box.appendChild(element("div", "tip-title", heading));
    return box;
  }
  function row(box, caption, value) {
    var line = element("div");
    line.appendChild(element("span", "tip-caption", caption + ": "));
    line.appendChild(element("span", null, value));
    box.appendChild(line);
  }
  function nodeTooltip(n) {
    var box = tooltip(n.name);
    row(box, texts.kind, n.kindName);
    if (n.altLabels.length) { row(box, texts.otherNames, n.altLabels.join("، ")); }
    row(box, texts.mentions, fa(n.mentions));
    if (n.docs.length) { row(box, texts.documents, fa(n.docs.length)); }
    return box;
  }
  function edgeTooltip(e) {
    if (e.fact) {
      var box = tooltip(e.relationName);
      box.appendChild(element("div", null, byId[e.from].name + " ← " + byId[e.to].name));
      return box;
    }
    var comention = tooltip(texts.coMention);
    comention.appendChild(element("div", null, byId[e.from].name + " ، " + byId[e.to].name));
    row(comention, texts.sentences, fa(e.sentences));
    return comention;
  }

  // --- the network -----------------------------------------------------------------------------------------
  nodes = new vis.DataSet(data.nodes.map(function (n) {
    return {id: n.id, group: n.group, shape: n.shape, value: n.value, title: nodeTooltip(n)};
  }));
  edges = new vis.DataSet(data.edges.map(function (e) {
    return {id: e.id, from: e.from, to: e.to, arrows: e.arrows, dashes: e.dashes, width: e.width, color: e.color,
            length: e.length, title: edgeTooltip(e)};
  }));
  var status = document.getElementById("status");
  var started = performance.now();  // milliseconds since the page began to load
  document.body.dataset.scriptStartMs = String(Math.round(started));
  var iterations = 0;
  network = new vis.Network(document.getElementById("map"), {nodes: nodes, edges: edges}, data.options);
  // The layout runs in batches; after each, the page shows how far it is, and stops it once the time budget
  // is spent, so that even a large graph on a slow machine is ready to use within a few seconds.
  network.on("stabilizationProgress", function (progress) {
    iterations = progress.iterations;
    status.textContent = texts.layout + " " + fa(Math.round(100 * progress.iterations / progress.total)) + "٪";
    if (performance.now() - started > data.layoutBudgetMs) { network.stopSimulation(); }
  });
  // Lay out once, then freeze: a large graph would otherwise keep jittering and burning CPU.
  function frozen() {
    network.setOptions({physics: false});
    network.fit({animation: false});
    status.hidden = true;
    // For scripts and tests that read the page from outside: what the drawn network holds, and how long the
    // layout took in this browser.
    document.body.dataset.drawnNodes = String(network.body.data.nodes.length);
    document.body.dataset.layoutMs = String(Math.round(performance.now() - started));
    document.body.dataset.iterations = String(iterations);
    document.body.dataset.ready = "true";
    labelsDirty = true;
    network.redraw();
  }
  network.once("stabilizationIterationsDone", frozen);
  if (!data.nodes.length) {
    status.hidden = true;
    document.body.dataset.drawnNodes = "0";
    document.body.dataset.ready = "true";
  }

  // --- labels: drawn by the page, so that they never overlap ------------------------------------------------
  // vis draws every label wherever its node is, so at the default zoom of a dense map they pile up. Here each
  // label has a fixed size on screen; the page places them in order of importance (selected node and its
  // neighbours, then by mentions) and leaves out any that would overlap a label already placed. Zooming in
  // makes room for more.
  var measure = document.createElement("canvas").getContext("2d");
  var legend = document.getElementById("legend");
  var maxMentions = data.nodes.reduce(function (m, n) { return Math.max(m, n.mentions); }, 1);
  var LABEL_WIDTH = 150;
  var MAX_CAPTIONS = 8;
  var labelCache = {};
  var labelsDirty = true;
  var placed = [];
  var lastView = "";
  var priorityIds = {};
  var byImportance = data.nodes.slice().sort(function (a, b) {
    return b.mentions - a.mentions || a.name.localeCompare(b.name, "fa") || (a.id < b.id ? -1 : 1);
  }).map(function (n) { return n.id; });

  function labelShape(id, strong) {
    var key = id + (strong ? "!" : "");
    if (labelCache[key]) { return labelCache[key]; }
    var n = byId[id];
    var size = Math.round(12 + 4 * Math.log(n.mentions + 1) / Math.log(maxMentions + 1)) + (strong ? 2 : 0);
    var font = (strong ? "700 " : "400 ") + size + "px " + FONT;
    measure.font = font;
    var lines = [], line = "";
    n.name.split(/\s+/).forEach(function (word) {
      var candidate = line ? line + " " + word : word;
      if (line && measure.measureText(candidate).width > LABEL_WIDTH) { lines.push(line); line = word; }
      else { line = candidate; }
    });
    if (line) { lines.push(line); }
    var width = lines.reduce(function (w, l) { return Math.max(w, measure.measureText(l).width); }, 0);
    return (labelCache[key] = {font: font, lines: lines, width: width, lineHeight: Math.round(size * 1.25),
                               height: lines.length * Math.round(size * 1.25), colour: "#1a1a1a"});
  }
  // The relation's name on a fact edge of the selected node, in the relation's colour.
  function captionShape(edge) {
    var key = "edge:" + edge.id;
    if (labelCache[key]) { return labelCache[key]; }
    var font = "600 13px " + FONT;
    measure.font = font;
    var width = measure.measureText(edge.relationName).width;
    return (labelCache[key] = {font: font, lines: [edge.relationName], width: width, lineHeight: 16, height: 16,
                               colour: edge.color.color});
  }
  function overlaps(a, b) { return a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2; }
  function placeLabels() {
    var container = network.body.container;
    var width = container.clientWidth, height = container.clientHeight;
    var CELL = 64, grid = {};
    function cells(box, visit) {
      for (var gx = Math.floor(box.x1 / CELL); gx <= Math.floor(box.x2 / CELL); gx++) {
        for (var gy = Math.floor(box.y1 / CELL); gy <= Math.floor(box.y2 / CELL); gy++) {
          if (visit(gx + ":" + gy) === false) { return false; }
        }
      }
      return true;
    }
    function free(box) {
      return cells(box, function (cell) {
        return !(grid[cell] || []).some(function (other) { return overlaps(box, other); });
      });
    }
    function take(box) { cells(box, function (cell) { (grid[cell] = grid[cell] || []).push(box); }); }
    var visible = byImportance.filter(function (id) { return !hiddenNodes[id]; });
    var first = visible.filter(function (id) { return priorityIds[id]; })
      .sort(function (a, b) { return priorityIds[b] - priorityIds[a]; });  // the selected node first
    var rest = visible.filter(function (id) { return !priorityIds[id]; });
    var positions = network.getPositions(visible);
    // The legend floats over the map: nothing is written under it.
    var mapBox = container.getBoundingClientRect(), legendBox = legend.getBoundingClientRect();
    if (!legend.hidden && legendBox.width) {
      take({x1: legendBox.left - mapBox.left, x2: legendBox.right - mapBox.left,
            y1: legendBox.top - mapBox.top, y2: legendBox.bottom - mapBox.top});
    }
    // In order of importance: each node claims its own place, then its label takes the first free spot
    // beside it (below, above, to either side). A label may cover a less important node, never a more
    // important one, nor another label.
    placed = [];
    function place(box) {
      if (box.x1 >= 0 && box.x2 <= width && box.y1 >= 0 && box.y2 <= height && free(box)) {
        take(box);
        placed.push(box);
        return true;
      }
      return false;
    }
    // The selected node's facts get their captions, unless there are so many that they would pile up (the
    // panel lists them all, and the colours say which relation each edge is).
    function placeCaptions(id) {
      var facts = (edgesOf[id] || []).filter(function (e) {
        return e.fact && !hiddenNodes[e.from] && !hiddenNodes[e.to];
      });
      if (facts.length > MAX_CAPTIONS) { return; }
      facts.forEach(function (e) {
        var ends = network.getPositions([e.from, e.to]);
        var middle = network.canvasToDOM({x: (ends[e.from].x + ends[e.to].x) / 2,
                                          y: (ends[e.from].y + ends[e.to].y) / 2});
        var shape = captionShape(e), w = shape.width + 6, h = shape.height + 2;
        place({id: e.id, text: e.relationName, x1: middle.x - w / 2, x2: middle.x + w / 2, y1: middle.y - h / 2,
               y2: middle.y + h / 2, shape: shape});
      });
    }
    first.concat(rest).forEach(function (id) {
      if (priorityIds[id] === 2) { placeCaptions(id); }
      var bounds = network.getBoundingBox(id);
      var topLeft = network.canvasToDOM({x: bounds.left, y: bounds.top});
      var bottomRight = network.canvasToDOM({x: bounds.right, y: bounds.bottom});
      if (bottomRight.x < 0 || topLeft.x > width || bottomRight.y < 0 || topLeft.y > height) { return; }
      take({x1: topLeft.x, x2: bottomRight.x, y1: topLeft.y, y2: bottomRight.y});
      var shape = labelShape(id, priorityIds[id] === 2);
      var w = shape.width + 6, h = shape.height + 2;
      var cx = (topLeft.x + bottomRight.x) / 2, cy = (topLeft.y + bottomRight.y) / 2;
      var spots = [[cx - w / 2, bottomRight.y + 1], [cx - w / 2, topLeft.y - 1 - h],
                   [bottomRight.x + 2, cy - h / 2], [topLeft.x - 2 - w, cy - h / 2]];
      for (var i = 0; i < spots.length; i++) {
        if (place({id: id, text: byId[id].name, x1: spots[i][0], x2: spots[i][0] + w, y1: spots[i][1],
                   y2: spots[i][1] + h, shape: shape})) { return; }
      }
    });
  }
  network.on("afterDrawing", function (ctx) {
    if (document.body.dataset.ready !== "true") { return; }
    var view = network.getScale() + "," + JSON.stringify(network.getViewPosition());
    if (labelsDirty || view !== lastView) { placeLabels(); lastView = view; labelsDirty = false; }
    if (!document.body.dataset.firstFrameMs) {
      document.body.dataset.firstFrameMs = String(Math.round(performance.now() - started));
    }
    var ratio = ctx.canvas.width / ctx.canvas.clientWidth;
    ctx.save();
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    ctx.direction = "rtl";
    ctx.lineJoin = "round";
    placed.forEach(function (box) {
      // a pale plate under the text keeps it legible over edges and crowded nodes
      ctx.fillStyle = "rgba(255, 255, 255, 0.6)";
      ctx.fillRect(box.x1 + 1, box.y1 + 1, box.x2 - box.x1 - 2, box.y2 - box.y1 - 2);
      ctx.font = box.shape.font;
      box.shape.lines.forEach(function (line, i) {
        var y = box.y1 + 1 + i * box.shape.lineHeight;
        ctx.lineWidth = 4;
        ctx.strokeStyle = "rgba(255, 255, 255, 0.92)";
        ctx.strokeText(line, (box.x1 + box.x2) / 2, y);
        ctx.fillStyle = box.shape.colour;
        ctx.fillText(line, (box.x1 + box.x2) / 2, y);
      });
    });
    ctx.restore();
  });
  ["dragging", "dragEnd", "resize"].forEach(function (event) {
    network.on(event, function () { labelsDirty = true; });
  });
  hooks.labels = function () {
    return placed.map(function (b) { return {id: b.id, text: b.text, x1: b.x1, x2: b.x2, y1: b.y1, y2: b.y2}; });
  };

  // --- selection: the panel, and the labels of the node and its neighbours first ----------------------------
  function emphasise(id) {
    priorityIds = {};
    if (id) {
      priorityIds[id] = 2;
      (edgesOf[id] || []).forEach(function (e) {
        var other = e.from === id ? e.to : e.from;
        priorityIds[other] = priorityIds[other] || 1;
      });
    }
    labelsDirty = true;
  }
  function select(id) {
    network.selectNodes(id ? [id] : []);
    emphasise(id);
    if (id) { openPanel(id); } else { closePanel(); }
    network.redraw();
  }
  // Show a node: on the map view, unhidden (filters are cleared if they hide it), centred, selected.
  function focusNode(id) {
    showView("map");
    if (hiddenNodes[id]) { resetFilters(); announce(texts.hiddenByFilter); }
    select(id);
    // centred in the part of the map the panel leaves free (the panel is on the right, over the map)
    network.focus(id, {scale: Math.max(network.getScale(), 1.1), offset: {x: -panel.offsetWidth / 2, y: 0},
                       animation: {duration: 450, easingFunction: "easeInOutQuad"}});
  }
  hooks.focusNode = focusNode;
  network.on("click", function (params) {
    if (params.nodes.length) { select(params.nodes[0]); }
    else if (!params.edges.length) { select(null); }
  });

  // --- side panel ------------------------------------------------------------------------------------------
  var panel = document.getElementById("panel");
  function link(id) {
    var a = element("a", null, byId[id].name);
    a.href = "#";
    a.dataset.node = id;
    a.addEventListener("click", function (event) { event.preventDefault(); focusNode(id); });
    return a;
  }
  // A section of the panel that folds: long lists start folded, so the mentions stay within reach.
  var UNFOLDED = 8;
  function section(className, title, count, open) {
    var box = element("details", className);
    box.open = open === undefined ? count <= UNFOLDED : open;
    var summary = element("summary");
    summary.appendChild(element("h3", null, title + " (" + fa(count) + ")"));
    box.appendChild(summary);
    panel.appendChild(box);
    return box;
  }
  function formatDate(value) {
    var parts = value.split("-").map(Number);
    if (parts.length === 1) { return fa(parts[0]); }
    var date = new Date(Date.UTC(parts[0], parts[1] - 1, parts[2] || 1));
    var fields = {year: "numeric", month: "long", timeZone: "UTC"};
    if (parts.length === 3) { fields.day = "numeric"; }
    var gregorian = new Intl.DateTimeFormat("fa-IR-u-ca-gregory-nu-arabext", fields);
    var text = gregorian.format(date);
    if (parts.length === 3) {
      var solar = new Intl.DateTimeFormat("fa-IR-u-ca-persian", fields);
      text += " (" + solar.format(date) + ")";
    }
    return text;
  }
  function openPanel(id) {
    var n = byId[id];
    clear(panel);
    panel.hidden = false;
    panel.dataset.node = id;
    var close = element("button", "close", "×");
    close.type = "button";
    close.title = texts.close;
    close.setAttribute("aria-label", texts.close);
    close.addEventListener("click", function () { select(null); });
    panel.appendChild(close);
    var kind = element("div", "kind");
    var swatch = element("span", "swatch");
    swatch.style.background = data.kinds[n.group].colour;
    kind.appendChild(swatch);
    kind.appendChild(element("span", null, n.kindName));
    panel.appendChild(kind);
    var heading = element("h2", null, n.name);
    heading.dir = "auto";
    panel.appendChild(heading);

    var facts = element("dl");
    function fact(caption, value) { facts.appendChild(element("dt", null, caption)); facts.appendChild(value); }
    if (n.altLabels.length) { fact(texts.otherNames, element("dd", "other-names", n.altLabels.join("، "))); }
    fact(texts.mentions, element("dd", null, fa(n.mentions)));
    if (n.docs.length) { fact(texts.documents, element("dd", null, fa(n.docs.length))); }
    if (n.dates && n.dates.start) {
      fact(n.dates.end ? texts.start : texts.dates, element("dd", "date", formatDate(n.dates.start)));
      if (n.dates.end) { fact(texts.end, element("dd", "date", formatDate(n.dates.end))); }
    }
    panel.appendChild(facts);

    // outgoing facts first, then incoming; within each, by relation and then by the other end's name
    var stated = (edgesOf[id] || []).filter(function (e) { return e.fact; }).sort(function (a, b) {
      var other = function (e) { return byId[e.from === id ? e.to : e.from].name; };
      return (a.from === id ? 0 : 1) - (b.from === id ? 0 : 1) || a.relationName.localeCompare(b.relationName, "fa")
        || other(a).localeCompare(other(b), "fa");
    });
    var works = n.works.reduce(function (all, pair) {
      return all.concat(pair[1].map(function (index) { return [pair[0], index]; }));
    }, []);
    if (works.length) {
      var worksList = element("ul");
      works.forEach(function (work) {
        var item = element("li");
        item.appendChild(element("span", "relation", texts[work[0]] || work[0]));
        item.appendChild(element("span", null, documentName(work[1])));
        worksList.appendChild(item);
      });
      section("works", texts.works, works.length).appendChild(worksList);
    }
    if (stated.length) {
      var factList = element("ul");
      stated.forEach(function (e) {
        var item = element("li", "fact");
        item.appendChild(e.from === id ? element("span", "self", n.name) : link(e.from));
        item.appendChild(element("span", "relation", e.relationName));
        item.appendChild(e.to === id ? element("span", "self", n.name) : link(e.to));
        (e.works || []).forEach(function (index) {
          item.appendChild(element("span", "evidence", texts.via + ": " + documentName(index)));
        });
        (e.evidence || []).forEach(function (sentence) { item.appendChild(element("q", "evidence", sentence)); });
        factList.appendChild(item);
      });
      section("facts", texts.facts, stated.length).appendChild(factList);
    }
    if (n.mentionList.length) {
      var mentions = section("mentions", texts.mentionList, n.mentionList.length, true);
      var current = -1, mentionList = null;
      n.mentionList.forEach(function (m) {
        if (m[0] !== current) {
          current = m[0];
          var head = element("div", "document", documentName(current));
          if (data.documents[current].title) {
            head.appendChild(element("span", "source", " — " + data.documents[current].id));
          }
          mentions.appendChild(head);
          mentionList = element("ul");
          mentions.appendChild(mentionList);
        }
        var item = element("li", "mention");
        item.lang = "fa";
        item.appendChild(document.createTextNode(m[2] + (m[2] ? " " : "")));
        item.appendChild(element("mark", null, m[3]));
        item.appendChild(document.createTextNode((m[4] ? " " : "") + m[4]));
        mentionList.appendChild(item);
      });
    }
    var peer = function (e) { return byId[e.from === id ? e.to : e.from].name; };
    var together = (edgesOf[id] || []).filter(function (e) { return !e.fact; })
      .sort(function (a, b) { return b.sentences - a.sentences || peer(a).localeCompare(peer(b), "fa"); });
    if (together.length) {
      var peers = element("ul");
      together.forEach(function (e) {
        var item = element("li");
        item.appendChild(link(e.from === id ? e.to : e.from));
        item.appendChild(element("span", "source", " × " + fa(e.sentences)));
        peers.appendChild(item);
      });
      section("co-mentions", texts.coMentions, together.length, false).appendChild(peers);
    }
    panel.scrollTop = 0;
  }
  function closePanel() {
    panel.hidden = true;
    delete panel.dataset.node;
  }

  // --- search ----------------------------------------------------------------------------------------------
  // Names are compared after folding what differs between Persian and Arabic keyboards and typists: Arabic
  // ي/ى and ك, teh marbuta and heh with yeh, hamza forms of alef, vowel marks, tatweel, half-spaces (ZWNJ),
  // spaces, and Persian/Arabic digits.
  function fold(text) {
    return text.normalize("NFC")
      .replace(/[\u064A\u0649]/g, "\u06CC")
      .replace(/\u0643/g, "\u06A9")
      .replace(/[\u0629\u06C0]/g, "\u0647")
      .replace(/[\u0622\u0623\u0625\u0671]/g, "\u0627")
      .replace(/[\u064B-\u065F\u0670\u0640]/g, "")
      .replace(/[\u06F0-\u06F9]/g, function (d) { return String(d.charCodeAt(0) - 0x06F0); })
      .replace(/[\u0660-\u0669]/g, function (d) { return String(d.charCodeAt(0) - 0x0660); })
      .replace(/[\s\u200B-\u200F\u00AD]+/g, "")
      .toLowerCase();
  }
  var searchIndex = data.nodes.map(function (n) {
    var names = [n.name].concat(n.altLabels);
    return {id: n.id, names: names.map(function (name) { return {name: name, folded: fold(name)}; })};
  });
  function search(query) {
    var q = fold(query);
    if (!q) { return []; }
    var found = [];
    searchIndex.forEach(function (entry) {
      var best = null;
      entry.names.forEach(function (name, i) {
        var at = name.folded.indexOf(q);
        if (at < 0) { return; }
        // exact name first, then names that start with the query, then the rest; the canonical name wins ties
        var rank = (name.folded === q ? 0 : at === 0 ? 1 : 2) * 2 + (i === 0 ? 0 : 1);
        if (!best || rank < best.rank) { best = {rank: rank, via: i === 0 ? null : name.name}; }
      });
      if (best) { found.push({id: entry.id, rank: best.rank, via: best.via}); }
    });
    found.sort(function (a, b) {
      return a.rank - b.rank || byId[b.id].mentions - byId[a.id].mentions
        || byId[a.id].name.localeCompare(byId[b.id].name, "fa");
    });
    return found;
  }
  hooks.search = search;
  var searchBox = document.getElementById("search");
  var results = document.getElementById("search-results");
  var active = 0, shown = [];
  function renderResults() {
    clear(results);
    shown = search(searchBox.value).slice(0, 12);
    if (!searchBox.value.trim()) { results.hidden = true; return; }
    if (!shown.length) { results.appendChild(element("li", "none", texts.noResults)); }
    shown.forEach(function (hit, i) {
      var n = byId[hit.id];
      var item = element("li");
      item.setAttribute("role", "option");
      item.dataset.node = hit.id;
      item.setAttribute("aria-selected", String(i === active));
      var swatch = element("span", "swatch");
      swatch.style.background = data.kinds[n.group].colour;
      item.appendChild(swatch);
      item.appendChild(element("span", "name", n.name));
      if (hit.via) { item.appendChild(element("span", "alt", "(" + hit.via + ")")); }
      item.appendChild(element("span", "kind", n.kindName));
      item.addEventListener("mousedown", function (event) { event.preventDefault(); choose(i); });
      results.appendChild(item);
    });
    results.hidden = false;
  }
  function choose(i) {
    if (!shown[i]) { return; }
    results.hidden = true;
    focusNode(shown[i].id);
  }
  searchBox.addEventListener("input", function () { active = 0; renderResults(); });
  searchBox.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (shown.length) {
        active = (active + (event.key === "ArrowDown" ? 1 : shown.length - 1)) % shown.length;
        renderResults();
      }
    } else if (event.key === "Enter") {
      event.preventDefault();
      choose(active);
    } else if (event.key === "Escape") {
      results.hidden = true;
    }
  });
  searchBox.addEventListener("blur", function () { results.hidden = true; });
  searchBox.addEventListener("focus", function () { if (searchBox.value.trim()) { renderResults(); } });

  // --- filters ---------------------------------------------------------------------------------------------
  var hiddenNodes = {};
  var kindBoxes = Array.prototype.slice.call(document.querySelectorAll('#legend input[name="kind"]'));
  var documentFilter = document.getElementById("document-filter");
  var minMentions = document.getElementById("min-mentions");
  var coMentions = document.getElementById("show-co-mentions");
  var visibleCount = document.getElementById("visible-count");
  data.documents.forEach(function (d, i) {
    var option = element("option", null, d.title ? d.title + " (" + d.id + ")" : d.id);
    option.value = String(i);
    documentFilter.appendChild(option);
  });
  minMentions.max = String(maxMentions);
  function announce(message) { visibleCount.textContent = message; }
  function applyFilters() {
    var kinds = {};
    kindBoxes.forEach(function (box) { kinds[box.value] = box.checked; });
    var doc = documentFilter.value === "" ? -1 : Number(documentFilter.value);
    var least = Math.max(0, Number(minMentions.value) || 0);
    var changes = [], count = 0;
    data.nodes.forEach(function (n) {
      var hide = !kinds[n.group] || (doc >= 0 && n.docs.indexOf(doc) < 0) || n.mentions < least;
      if (!hide) { count++; }
      if (!!hiddenNodes[n.id] !== hide) { changes.push({id: n.id, hidden: hide}); }
      if (hide) { hiddenNodes[n.id] = true; } else { delete hiddenNodes[n.id]; }
    });
    if (changes.length) { nodes.update(changes); }
    if (panel.dataset.node && hiddenNodes[panel.dataset.node]) { select(null); }
    document.body.dataset.visibleNodes = String(count);
    visibleCount.textContent = texts.shown.replace("{shown}", fa(count)).replace("{total}", fa(data.nodes.length));
    labelsDirty = true;
    markTimeline();
    network.redraw();
  }
  function resetFilters() {
    kindBoxes.forEach(function (box) { box.checked = !box.disabled; });
    documentFilter.value = "";
    minMentions.value = "0";
    applyFilters();
  }
  hooks.applyFilters = applyFilters;
  kindBoxes.forEach(function (box) { box.addEventListener("change", applyFilters); });
  documentFilter.addEventListener("change", applyFilters);
  minMentions.addEventListener("input", applyFilters);
  document.getElementById("reset-filters").addEventListener("click", resetFilters);
  coMentions.addEventListener("change", function () {
    var hide = !coMentions.checked;
    edges.update(data.edges.filter(function (e) { return !e.fact; })
      .map(function (e) { return {id: e.id, hidden: hide}; }));
    document.body.dataset.coMentions = hide ? "hidden" : "shown";
  });

  // --- views and the events timeline -----------------------------------------------------------------------
  var tabs = {map: document.getElementById("tab-map"), timeline: document.getElementById("tab-timeline")};
  var views = {map: document.getElementById("map-view"), timeline: document.getElementById("timeline-view")};
  var timeline = document.getElementById("timeline");
  var timelineDrawn = false;
  function showView(name) {
    Object.keys(views).forEach(function (key) {
      views[key].hidden = key !== name;
      tabs[key].setAttribute("aria-selected", String(key === name));
    });
    document.body.dataset.view = name;
    if (name === "timeline" && !timelineDrawn) { drawTimeline(); }
    if (name === "map") { network.redraw(); }
  }
  hooks.showView = showView;
  tabs.map.addEventListener("click", function () { showView("map"); });
  tabs.timeline.addEventListener("click", function () { showView("timeline"); });

  // A date's span in milliseconds: a year or month covers all of it, a day is a point.
  function span(value, end) {
    var p = value.split("-").map(Number);
    var from = Date.UTC(p[0], (p[1] || 1) - 1, p[2] || 1);
    var to = p.length === 1 ? Date.UTC(p[0] + 1, 0, 1) : p.length === 2 ? Date.UTC(p[0], p[1], 1) : from;
    return end ? to : [from, to];
  }
  var SVG = "http://www.w3.org/2000/svg";
  function svg(tag, attributes, text) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attributes || {}).forEach(function (key) { node.setAttribute(key, attributes[key]); });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }
  function drawTimeline() {
    timelineDrawn = true;
    clear(timeline);
    var dated = data.nodes.filter(function (n) { return n.dates && n.dates.start; }).map(function (n) {
      var range = span(n.dates.start);
      if (n.dates.end) { range[1] = Math.max(range[1], span(n.dates.end, true)); }
      return {id: n.id, from: range[0], to: range[1], label: n.name,
              when: formatDate(n.dates.start) + (n.dates.end ? " – " + formatDate(n.dates.end) : "")};
    }).sort(function (a, b) { return a.from - b.from || a.to - b.to || (a.id < b.id ? -1 : 1); });
    if (!dated.length) { timeline.appendChild(element("p", "hint", texts.noDates)); return; }
    var YEAR = 365.2425 * 864e5;
    var first = dated[0].from, last = Math.max.apply(null, dated.map(function (d) { return d.to; }));
    var padding = Math.max((last - first) * 0.03, YEAR / 2);
    first -= padding; last += padding;
    var width = Math.max(timeline.clientWidth || 900, 600), margin = 20, plot = width - 2 * margin;
    function x(t) { return width - margin - (t - first) / (last - first) * plot; }  // right to left
    measure.font = "14px " + FONT;
    // Lanes: each event goes on the first row where its marker and label overlap nothing.
    var lanes = [];
    dated.forEach(function (d) {
      var right = x(d.from), left = Math.min(x(d.to), right - 4);
      var labelWidth = measure.measureText(d.label).width + 10;
      d.labelLeft = left - labelWidth >= margin;  // labels read on past the marker, unless the edge is near
      d.extent = d.labelLeft ? [left - labelWidth, right] : [left, right + labelWidth];
      d.bar = [left, right];
      var lane = 0;
      var clashes = function (e) { return e[0] < d.extent[1] + 6 && d.extent[0] < e[1] + 6; };
      while (lanes[lane] && lanes[lane].some(clashes)) { lane++; }
      (lanes[lane] = lanes[lane] || []).push(d.extent);
      d.lane = lane;
    });
    var ROW = 30, top = 34, height = top + lanes.length * ROW + 16;
    var root = svg("svg", {width: width, height: height, role: "img", "aria-label": texts.dates});
    root.setAttribute("direction", "rtl");
    var axis = svg("g", {"class": "axis"});
    axis.appendChild(svg("line", {x1: margin, x2: width - margin, y1: top - 10, y2: top - 10}));
    var spanYears = (last - first) / YEAR;
    // the smallest round step that leaves about 90 pixels between year ticks
    var step = [1, 2, 5, 10, 20, 25, 50, 100, 200, 500]
      .filter(function (s) { return spanYears / s <= Math.max(4, plot / 90); })[0] || 1000;
    var firstYear = new Date(first).getUTCFullYear(), lastYear = new Date(last).getUTCFullYear();
    for (var year = Math.ceil(firstYear / step) * step; year <= lastYear; year += step) {
      var at = x(Date.UTC(year, 0, 1));
      if (at < margin || at > width - margin) { continue; }
      var tick = svg("g", {"class": "tick"});
      tick.appendChild(svg("line", {"class": "grid", x1: at, x2: at, y1: top - 10, y2: height}));
      tick.appendChild(svg("line", {x1: at, x2: at, y1: top - 15, y2: top - 5}));
      tick.appendChild(svg("text", {x: at, y: top - 19, "text-anchor": "middle"}, fa(year)));
      axis.appendChild(tick);
    }
    root.appendChild(axis);
    dated.forEach(function (d) {
      var y = top + d.lane * ROW + ROW / 2;
      var colour = data.kinds[byId[d.id].group].colour;
      var group = svg("g", {"class": "event", tabindex: "0", role: "button", "data-node": d.id});
      group.appendChild(svg("title", {}, d.label + " — " + d.when));
      if (d.bar[1] - d.bar[0] > 6) {
        group.appendChild(svg("rect", {x: d.bar[0], y: y - 5, width: d.bar[1] - d.bar[0], height: 10, rx: 3,
                                       fill: colour, "fill-opacity": 0.55, stroke: colour}));
      } else {
        group.appendChild(svg("circle", {cx: (d.bar[0] + d.bar[1]) / 2, cy: y, r: 5.5, fill: colour,
                                         stroke: "#5a3050"}));
      }
      var label = svg("text", {y: y + 4.5, x: d.labelLeft ? d.bar[0] - 6 : d.bar[1] + 6,
                               "text-anchor": d.labelLeft ? "start" : "end"}, d.label);
      label.setAttribute("direction", "rtl");
      group.appendChild(label);
      group.addEventListener("click", function () { focusNode(d.id); });
      group.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); focusNode(d.id); }
      });
      root.appendChild(group);
    });
    timeline.appendChild(root);
    // The same events as a list, with their dates written out: readable where the axis is crowded.
    var list = element("ol", "events");
    dated.forEach(function (d) {
      var item = element("li");
      item.appendChild(element("span", "when", d.when));
      item.appendChild(link(d.id));
      list.appendChild(item);
    });
    timeline.appendChild(list);
    markTimeline();
  }
  function markTimeline() {
    Array.prototype.forEach.call(timeline.querySelectorAll(".event"), function (group) {
      group.classList.toggle("filtered", !!hiddenNodes[group.dataset.node]);
    });
  }
  window.addEventListener("resize", function () { if (timelineDrawn && !views.timeline.hidden) { drawTimeline(); } });

  applyFilters();
  showView("map");
  window.graphbuildMap = hooks;
})();
