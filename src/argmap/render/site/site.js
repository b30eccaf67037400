/* argmap site: the table's reasons panel, search, diagram zoom and print buttons.
   No libraries and no network: everything the page needs is already in it, so it works from
   file:// and offline. Map text is only ever put in the page as text (textContent), never as HTML. */
(function () {
  "use strict";

  var root = document.documentElement;
  root.classList.remove("no-js");
  root.classList.add("js");

  function byId(id) { return document.getElementById(id); }
  function all(selector, scope) {
    return Array.prototype.slice.call((scope || document).querySelectorAll(selector));
  }

  /* --- The panel: a cell's reasons and quotes --------------------------------------------- */

  var panel = byId("panel");
  var panelClose = byId("panel-close");
  var openButton = null;

  function closeDetail(returnFocus) {
    if (!panel) { return; }
    all(".detail.shown", panel).forEach(function (d) { d.classList.remove("shown"); });
    panel.classList.remove("open");
    var back = openButton;
    if (back) { back.setAttribute("aria-expanded", "false"); }
    openButton = null;
    if (returnFocus && back) { back.focus(); }
  }

  function openDetail(button) {
    var detail = byId(button.getAttribute("data-detail"));
    if (!panel || !detail) { return; }
    var again = openButton === button;
    closeDetail(false);
    if (again) { return; }
    detail.classList.add("shown");
    panel.classList.add("open");
    panel.scrollTop = 0;
    button.setAttribute("aria-expanded", "true");
    openButton = button;
    var heading = detail.querySelector("h3");
    if (heading) { heading.focus(); }
  }

  if (panelClose) {
    panelClose.addEventListener("click", function () { closeDetail(true); });
  }
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && openButton) { closeDetail(true); }
  });

  /* Seminar mode, the table's filters and the pair page live in teach.js; in seminar mode it
     takes a click on a hidden cell before the handler below sees it. */
  all("button.cell").forEach(function (button) {
    button.addEventListener("click", function () { openDetail(button); });
  });

  /* --- Search over the index search.js sets ---------------------------------------------- */

  var box = byId("search-box");
  var indexData = window.argmapSearch;
  var results = byId("search-results");
  var searchStatus = byId("search-status");
  var LIMIT = 50;

  function fold(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function highlighted(text, terms) {
    var fragment = document.createDocumentFragment();
    var lower = text.toLowerCase();
    var ranges = [];
    if (lower.length === text.length) {
      terms.forEach(function (term) {
        var at = lower.indexOf(term);
        while (term && at >= 0) {
          ranges.push([at, at + term.length]);
          at = lower.indexOf(term, at + term.length);
        }
      });
    }
    ranges.sort(function (a, b) { return a[0] - b[0]; });
    var pos = 0;
    ranges.forEach(function (range) {
      if (range[0] < pos) { return; }
      fragment.appendChild(document.createTextNode(text.slice(pos, range[0])));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(range[0], range[1]);
      fragment.appendChild(mark);
      pos = range[1];
    });
    fragment.appendChild(document.createTextNode(text.slice(pos)));
    return fragment;
  }

  if (box && indexData && results) {
    var items = indexData.map(function (item) {
      item.folded = fold(item.t + " " + item.n);
      return item;
    });
    var search = function () {
      var terms = fold(box.value).split(/\s+/).filter(Boolean);
      results.textContent = "";
      if (!terms.length) { searchStatus.textContent = ""; return; }
      var found = items.filter(function (item) {
        return terms.every(function (term) { return item.folded.indexOf(term) >= 0; });
      });
      found.slice(0, LIMIT).forEach(function (item) {
        var li = document.createElement("li");
        var link = document.createElement("a");
        link.href = item.u;
        link.appendChild(highlighted(item.t, terms));
        var what = document.createElement("span");
        what.className = "what";
        what.textContent = " — " + item.k + (item.n ? ", " + item.n : "");
        li.appendChild(link);
        li.appendChild(what);
        results.appendChild(li);
      });
      searchStatus.textContent = found.length === 0 ? "Nothing found."
        : found.length + (found.length === 1 ? " match" : " matches")
          + (found.length > LIMIT ? ", the first " + LIMIT + " shown." : ".");
    };
    box.addEventListener("input", search);
    if (box.value) { search(); }
  }

  /* --- Diagrams: zoom and pan ------------------------------------------------------------- */

  all(".zoom").forEach(function (frame) {
    var viewport = frame.querySelector(".zoom-viewport");
    var content = frame.querySelector(".zoom-content");
    if (!viewport || !content) { return; }
    var scale = 1, x = 0, y = 0, drag = null;

    function apply() {
      content.style.transform = "translate(" + x + "px, " + y + "px) scale(" + scale + ")";
    }
    function fit() {
      var width = content.offsetWidth || 1, height = content.offsetHeight || 1;
      var room = Math.max(240, Math.round(window.innerHeight * 0.7));
      /* a diagram made for a screen starts where its text reads (data-min-scale), not fitted
         into a blank frame; pan to see the rest */
      var least = Math.min(1, Number(frame.getAttribute("data-min-scale")) || 0);
      scale = Math.max(least, Math.min(1, viewport.clientWidth / width, room / height));
      viewport.style.height = Math.max(160, Math.min(room, Math.ceil(height * scale))) + "px";
      x = Math.max(0, (viewport.clientWidth - width * scale) / 2);
      y = 0;
      apply();
    }
    function zoomAt(px, py, factor) {
      var next = Math.min(8, Math.max(0.1, scale * factor));
      x = px - (px - x) * (next / scale);
      y = py - (py - y) * (next / scale);
      scale = next;
      apply();
    }
    function zoomCentre(factor) { zoomAt(viewport.clientWidth / 2, viewport.clientHeight / 2, factor); }

    all("[data-zoom]", frame).forEach(function (button) {
      button.addEventListener("click", function () {
        var how = button.getAttribute("data-zoom");
        if (how === "in") { zoomCentre(1.25); } else if (how === "out") { zoomCentre(0.8); } else { fit(); }
      });
    });
    viewport.addEventListener("wheel", function (event) {
      if (!event.ctrlKey && !event.metaKey) { return; }
      event.preventDefault();
      var box = viewport.getBoundingClientRect();
      zoomAt(event.clientX - box.left, event.clientY - box.top, event.deltaY < 0 ? 1.15 : 1 / 1.15);
    }, { passive: false });
    viewport.addEventListener("pointerdown", function (event) {
      if (event.button !== 0) { return; }
      drag = { id: event.pointerId, x: event.clientX, y: event.clientY, moving: false };
    });
    viewport.addEventListener("pointermove", function (event) {
      if (!drag || drag.id !== event.pointerId) { return; }
      if (!drag.moving) {
        /* a press that has not moved yet may be a click on a claim (diagram.js): capture the
           pointer, and so take the click away from it, only once it is a drag */
        if (Math.abs(event.clientX - drag.x) + Math.abs(event.clientY - drag.y) < 5) { return; }
        drag.moving = true;
        viewport.setPointerCapture(event.pointerId);
        viewport.classList.add("dragging");
      }
      x += event.clientX - drag.x;
      y += event.clientY - drag.y;
      drag.x = event.clientX;
      drag.y = event.clientY;
      apply();
    });
    function endDrag() { drag = null; viewport.classList.remove("dragging"); }
    viewport.addEventListener("pointerup", endDrag);
    viewport.addEventListener("pointercancel", endDrag);
    viewport.addEventListener("keydown", function (event) {
      var step = 40, handled = true;
      switch (event.key) {
        case "ArrowLeft": x += step; apply(); break;
        case "ArrowRight": x -= step; apply(); break;
        case "ArrowUp": y += step; apply(); break;
        case "ArrowDown": y -= step; apply(); break;
        case "+": case "=": zoomCentre(1.25); break;
        case "-": case "_": zoomCentre(0.8); break;
        case "0": fit(); break;
        default: handled = false;
      }
      if (handled) { event.preventDefault(); }
    });
    fit();
  });

  /* --- Handouts ----------------------------------------------------------------------------- */

  all("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
}());
