/* argmap site, for teaching: the table's filters, seminar mode, the pair page, and a blank handout
   limited to the voices chosen in the table. Like site.js: no libraries, no network, and map text
   only ever put in the page as text (textContent), never as HTML.

   Addresses (all work from file://):
     index.html?topic=T&thesis=ID&voices=a,b   the table limited to a topic, a thesis, some voices
     index.html?thesis=ID#seminar              ... and opened in seminar mode
     compare.html?a=lind&b=yeo                 the pair page of two voices
     handouts/ID-blank.html?voices=a,b         a handout with only those voices */
(function () {
  "use strict";

  function byId(id) { return document.getElementById(id); }
  function all(selector, scope) {
    return Array.prototype.slice.call((scope || document).querySelectorAll(selector));
  }
  function params() { return new URLSearchParams(window.location.search); }
  function listParam(value) { return value ? value.split(",").filter(Boolean) : null; }
  function make(tag, text, className) {
    var node = document.createElement(tag);
    if (text) { node.textContent = text; }
    if (className) { node.className = className; }
    return node;
  }

  /* --- The table's filters: topic, thesis, voices --------------------------------------- */

  var table = document.querySelector("table.agreement");
  var topicBox = byId("filter-topic");
  var thesisBox = byId("filter-thesis");
  var voiceBoxes = all("input.filter-voice");

  function chosenVoices() {
    return voiceBoxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
  }
  function visibleRows() { return all("tbody tr", table).filter(function (r) { return !r.hidden; }); }
  function visibleVoices() {
    return all("thead th.voice", table).filter(function (th) { return !th.hidden; })
      .map(function (th) { return th.getAttribute("data-voice"); });
  }

  function selectionQuery() {
    var query = new URLSearchParams();
    if (topicBox && topicBox.value) { query.set("topic", topicBox.value); }
    if (thesisBox && thesisBox.value) { query.set("thesis", thesisBox.value); }
    var voices = chosenVoices();
    if (voices.length !== voiceBoxes.length) { query.set("voices", voices.join(",")); }
    return query;
  }

  function applyFilters(remember) {
    if (!table) { return; }
    var topic = topicBox ? topicBox.value : "";
    var thesis = thesisBox ? thesisBox.value : "";
    var shown = {};
    chosenVoices().forEach(function (v) { shown[v] = true; });
    all("tbody tr", table).forEach(function (row) {
      row.hidden = (topic !== "" && row.getAttribute("data-topic") !== topic)
        || (thesis !== "" && row.getAttribute("data-thesis") !== thesis);
    });
    all("[data-voice]", table).forEach(function (cell) {
      cell.hidden = !shown[cell.getAttribute("data-voice")];
    });
    var count = byId("voices-count");
    if (count) { count.textContent = "(" + chosenVoices().length + " of " + voiceBoxes.length + ")"; }
    var status = byId("filter-status");
    if (status) {
      var rows = visibleRows().length, total = all("tbody tr", table).length;
      status.textContent = rows === total && chosenVoices().length === voiceBoxes.length ? ""
        : "Showing " + rows + " of " + total + " theses and " + chosenVoices().length + " of "
          + voiceBoxes.length + " voices.";
    }
    if (remember) {
      var query = selectionQuery().toString();
      try {
        window.history.replaceState(null, "", (query ? "?" + query : window.location.pathname)
          + window.location.hash);
      } catch (e) { /* some browsers refuse this on file://; the filters still work */ }
    }
    seminarReset();
  }

  if (table) {
    var start = params();
    if (topicBox && start.get("topic")) { topicBox.value = start.get("topic"); }
    if (thesisBox && start.get("thesis")) { thesisBox.value = start.get("thesis"); }
    var wanted = listParam(start.get("voices"));
    if (wanted) {
      voiceBoxes.forEach(function (b) { b.checked = wanted.indexOf(b.value) >= 0; });
    }
    [topicBox, thesisBox].concat(voiceBoxes).forEach(function (control) {
      if (control) { control.addEventListener("change", function () { applyFilters(true); }); }
    });
    [["voices-all", true], ["voices-none", false]].forEach(function (pair) {
      var button = byId(pair[0]);
      if (!button) { return; }
      button.addEventListener("click", function () {
        voiceBoxes.forEach(function (b) { b.checked = pair[1]; });
        applyFilters(true);
      });
    });
  }

  /* --- Seminar mode: hide the positions taken, reveal by cell, row or column --------------- */

  var toggle = byId("seminar-toggle");
  var tools = byId("seminar-tools");
  var seminarStatus = byId("seminar-status");
  var handoutLink = byId("seminar-handout");

  function seminarOn() { return document.body.classList.contains("seminar"); }
  /* The cells in play: those with a position, in the rows and columns the filters show. */
  function inPlay() {
    return all("td.reveal", table).filter(function (c) { return !c.hidden && !c.parentNode.hidden; });
  }
  function hidden(cells) { return cells.filter(function (c) { return !c.classList.contains("revealed"); }); }

  function updateSeminar() {
    if (!seminarStatus) { return; }
    if (!seminarOn()) { seminarStatus.textContent = ""; return; }
    var cells = inPlay();
    seminarStatus.textContent = (cells.length - hidden(cells).length) + " of " + cells.length
      + " positions revealed";
    if (handoutLink) {
      var rows = visibleRows();
      var query = chosenVoices().length === voiceBoxes.length ? ""
        : "?voices=" + encodeURIComponent(chosenVoices().join(",")).replace(/%2C/g, ",");
      handoutLink.hidden = rows.length !== 1;
      if (rows.length === 1) { handoutLink.href = rows[0].getAttribute("data-blank") + query; }
    }
  }

  function seminarReset() {
    all("td.reveal", table).forEach(function (c) { c.classList.remove("revealed", "just-revealed"); });
    updateSeminar();
  }

  function setSeminar(on) {
    document.body.classList.toggle("seminar", on);
    if (toggle) { toggle.setAttribute("aria-pressed", on ? "true" : "false"); }
    if (tools) { tools.hidden = !on; }
    var panel = byId("panel");
    if (panel && panel.classList.contains("open")) { byId("panel-close").click(); }
    seminarReset();
  }

  function reveal(cells) {
    cells.forEach(function (cell) { cell.classList.add("revealed", "just-revealed"); });
    if (cells.length) { cells[0].scrollIntoView({ block: "nearest", inline: "nearest" }); }
    updateSeminar();
  }

  var revealers = {
    cell: function () { return hidden(inPlay()).slice(0, 1); },
    row: function () {
      var next = hidden(inPlay())[0];
      return next ? hidden(inPlay()).filter(function (c) { return c.parentNode === next.parentNode; }) : [];
    },
    column: function () {
      var left = hidden(inPlay());
      var voices = visibleVoices().filter(function (v) {
        return left.some(function (c) { return c.getAttribute("data-voice") === v; });
      });
      return voices.length ? left.filter(function (c) { return c.getAttribute("data-voice") === voices[0]; }) : [];
    },
    all: function () { return hidden(inPlay()); }
  };

  if (toggle && table) {
    toggle.addEventListener("click", function () { setSeminar(!seminarOn()); });
    all("[data-reveal]").forEach(function (button) {
      button.addEventListener("click", function () {
        reveal(revealers[button.getAttribute("data-reveal")]());
      });
    });
    /* A hidden cell reveals itself on the first click; site.js opens its reasons on the next. */
    table.addEventListener("click", function (event) {
      var cell = event.target.closest("td.reveal");
      if (seminarOn() && cell && !cell.classList.contains("revealed")) {
        event.stopImmediatePropagation();
        event.stopPropagation();
        reveal([cell]);
      }
    }, true);
    applyFilters(false);
    if (window.location.hash === "#seminar") { setSeminar(true); }
  }

  /* --- The pair page: two voices side by side ---------------------------------------------- */

  var pairData = byId("pair-data");
  var pairBox = byId("pair");

  function badge(data, position) {
    var lab = data.labels[position || "silent"];
    var span = make("span", "", "badge " + lab[2]);
    var sym = make("span", lab[0], "sym");
    sym.setAttribute("aria-hidden", "true");
    span.appendChild(sym);
    span.appendChild(document.createTextNode(" " + lab[1]));
    return span;
  }

  function relation(a, b) {
    if (!a && !b) { return null; }
    if (!b) { return "only-a"; }
    if (!a) { return "only-b"; }
    if (a.p === b.p) { return "agree"; }
    if (a.p === "mixed" || b.p === "mixed") { return "partial"; }
    return "disagree";
  }

  function link(text, href) {
    var a = make("a", text);
    a.href = href;
    return a;
  }

  function evidence(data, item) {
    var figure = make("figure", "", "evidence");
    var quote = make("blockquote");
    quote.appendChild(make("p", item.q));
    figure.appendChild(quote);
    var caption = make("figcaption");
    caption.appendChild(make("span", item.k, "kind"));
    var source = data.sources[item.s];
    if (source) {
      caption.appendChild(document.createTextNode(" — "));
      caption.appendChild(source.u ? link(source.t, source.u) : document.createTextNode(source.t));
      if (source.d) { caption.appendChild(document.createTextNode(" (" + source.d + ")")); }
    }
    figure.appendChild(caption);
    return figure;
  }

  function side(data, voice, stance) {
    var box = make("div", "", "side");
    var head = make("h4");
    head.appendChild(link(voice.short, voice.u));
    head.appendChild(document.createTextNode(" "));
    head.appendChild(badge(data, stance ? stance.p : null));
    box.appendChild(head);
    if (!stance) {
      box.appendChild(make("p", voice.name + " takes no stance on this thesis.", "muted"));
      return box;
    }
    if (stance.n) { box.appendChild(make("p", stance.n, "note")); }
    var list = make("ul", "", "reasons");
    stance.r.forEach(function (reason) {
      var li = make("li");
      var text = make("p", "", "claim-text");
      text.appendChild(link(reason.t, reason.u));
      li.appendChild(text);
      reason.e.forEach(function (item) { li.appendChild(evidence(data, item)); });
      list.appendChild(li);
    });
    box.appendChild(list);
    return box;
  }

  function byline(voice) {
    var p = make("p", "", "byline");
    p.appendChild(link(voice.name, voice.u));
    var dates = voice.dates.length ? (voice.dates.length === 1 ? "source dated " : "sources dated ")
      + voice.dates.join(", ") : "no source date";
    p.appendChild(make("span", " · " + dates, "muted"));
    return p;
  }

  function showPair(data, a, b) {
    pairBox.textContent = "";
    var title = a.name + " and " + b.name;
    byId("pair-title").textContent = title;
    document.title = title + " · argmap";
    pairBox.appendChild(byline(a));
    pairBox.appendChild(byline(b));
    var groups = {};
    data.theses.forEach(function (thesis) {
      var found = relation(a.stances[thesis.id], b.stances[thesis.id]);
      if (found) { (groups[found] = groups[found] || []).push(thesis); }
    });
    var summary = make("ul", "", "pair-summary");
    pairBox.appendChild(summary);
    data.groups.forEach(function (group) {
      var items = groups[group[0]] || [];
      var heading = group[1].replace("{a}", a.short).replace("{b}", b.short);
      var anchor = "rel-" + group[0];
      var count = make("li");
      count.appendChild(items.length ? link(heading, "#" + anchor) : document.createTextNode(heading));
      count.appendChild(document.createTextNode(": " + items.length));
      summary.appendChild(count);
      if (!items.length) { return; }
      var section = make("section", "", "pair-group rel-" + group[0]);
      section.id = anchor;
      var h2 = make("h2", heading + " (" + items.length + ")");
      h2.id = anchor + "-h";
      section.setAttribute("aria-labelledby", h2.id);
      section.appendChild(h2);
      section.appendChild(make("p", group[2].replace("{a}", a.short).replace("{b}", b.short), "muted"));
      items.forEach(function (thesis) {
        var article = make("article", "", "pair-item");
        var h3 = make("h3");
        h3.appendChild(link(thesis.t, thesis.u));
        article.appendChild(h3);
        var sides = make("div", "", "pair-sides");
        sides.appendChild(side(data, a, a.stances[thesis.id]));
        sides.appendChild(side(data, b, b.stances[thesis.id]));
        article.appendChild(sides);
        section.appendChild(article);
      });
      pairBox.appendChild(section);
    });
    if (!data.theses.some(function (t) { return a.stances[t.id] || b.stances[t.id]; })) {
      pairBox.appendChild(make("p", "Neither takes a stance on any thesis.", "muted"));
    }
  }

  if (pairData && pairBox) {
    var data = JSON.parse(pairData.textContent);
    var voices = {};
    data.voices.forEach(function (v) { voices[v.id] = v; });
    var query = params();
    var a = voices[query.get("a")], b = voices[query.get("b")];
    if (a && byId("pair-a")) { byId("pair-a").value = a.id; }
    if (b && byId("pair-b")) { byId("pair-b").value = b.id; }
    if (a && b && a !== b) {
      showPair(data, a, b);
    } else if ((query.get("a") && !a) || (query.get("b") && !b)) {
      pairBox.appendChild(make("p", "No such voice: choose two from the lists above.", "muted"));
    } else if (a && b) {
      pairBox.appendChild(make("p", "Choose two different voices.", "muted"));
    }
  }

  /* --- A blank handout limited to the voices chosen in the table --------------------------- */

  var positions = all("li.position[data-voice]");
  var only = listParam(params().get("voices"));
  if (positions.length && only) {
    var kept = positions.filter(function (li) { return only.indexOf(li.getAttribute("data-voice")) >= 0; });
    positions.forEach(function (li) { li.hidden = kept.indexOf(li) < 0; });
    var bar = document.querySelector(".handout-bar");
    if (bar) {
      bar.appendChild(make("span", "Showing the " + kept.length + " of " + positions.length
        + " voices chosen in the table.", "muted"));
    }
  }
}());
