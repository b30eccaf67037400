/* argmap site: diagrams you can question. A claim in a diagram (a node, or a row of a voice's
   card) opens the side panel with its text, its quotes (kind and source) and its relations;
   hovering shows the claim with its first quote in full; focus dims all but one claim's
   neighbourhood, one voice or one thesis. Keyboard: Tab to a claim, Enter opens it, Escape
   shows everything again. The data is embedded in the page (no network, works from file://),
   and map text is only ever put in the page as text (textContent), never as HTML. */
(function () {
  "use strict";

  function all(selector, scope) {
    return Array.prototype.slice.call((scope || document).querySelectorAll(selector));
  }
  function make(tag, text, className) {
    var node = document.createElement(tag);
    if (text) { node.textContent = text; }
    if (className) { node.className = className; }
    return node;
  }
  function link(text, href) {
    var a = make("a", text);
    a.href = href;
    return a;
  }

  all(".diagram").forEach(function (frame) {
    var dataNode = frame.querySelector("script.diagram-data");
    var panel = frame.querySelector(".diagram-panel");
    if (!dataNode || !panel) { return; }
    var claims = JSON.parse(dataNode.textContent);
    var title = panel.querySelector(".diagram-panel-title");
    var hint = panel.querySelector(".diagram-panel-hint");
    var body = panel.querySelector(".diagram-panel-body");
    var showAll = frame.querySelector("[data-focus='none']");
    var status = frame.querySelector(".focus-status");
    var tip = make("div", "", "diagram-tip");
    tip.hidden = true;
    tip.setAttribute("role", "tooltip");
    document.body.appendChild(tip);

    /* the claims drawn: a voice view's nodes, a thesis view's card rows */
    var elements = [];
    all("svg g[id]", frame).forEach(function (g) {
      /* (p2-: the second part of a voice drawn in parts) */
      var match = /^(?:p[0-9]+-)?(a_claim-|node-)([a-z0-9][a-z0-9-]*\/[a-z0-9][a-z0-9-]*)$/.exec(g.id);
      if (!match || !claims[match[2]]) { return; }
      if (match[1] === "node-" && !/\b(claim|external)\b/.test(g.getAttribute("class") || "")) {
        return;
      }
      match = [match[0], match[2]];
      g.setAttribute("data-claim", match[1]);
      var anchor = g.querySelector("a");
      if (!anchor) { g.setAttribute("tabindex", "0"); }
      /* the name starts with the text drawn (its lines, as words), so that what a speech user
         sees is what they can say; the voice follows */
      var drawn = all("text", anchor || g).map(function (t) { return t.textContent.trim(); })
        .filter(Boolean).join(" ");
      (anchor || g).setAttribute("aria-label", (drawn || claims[match[1]].t) + " (" + claims[match[1]].v + ")");
      elements.push(g);
    });

    function focusOn(keep, what) {
      elements.forEach(function (g) {
        g.classList.toggle("dimmed", keep !== null && !keep(g.getAttribute("data-claim")));
      });
      if (showAll) { showAll.hidden = keep === null; }
      if (status) { status.textContent = keep === null ? "" : "Showing " + what + "."; }
    }

    function focusButton(text, keep, what) {
      var button = make("button", text);
      button.type = "button";
      button.addEventListener("click", function () { focusOn(keep, what); });
      return button;
    }

    function open(id) {
      var claim = claims[id];
      if (!claim) { return; }
      elements.forEach(function (g) { g.classList.toggle("chosen", g.getAttribute("data-claim") === id); });
      title.textContent = claim.v;
      if (hint) { hint.hidden = true; }
      body.textContent = "";
      body.appendChild(make("p", claim.t, "claim-text"));
      body.appendChild(make("h4", claim.q.length ? "Quotes" : "No quotes recorded"));
      claim.q.forEach(function (quote) {
        var block = make("blockquote");
        block.appendChild(make("p", "“" + quote.q + "”"));
        block.appendChild(make("p", "— " + quote.s + " · " + quote.k, "kind"));
        body.appendChild(block);
      });
      if (claim.r.length) {
        body.appendChild(make("h4", "Relations"));
        var list = make("ul");
        claim.r.forEach(function (relation) {
          var item = make("li", relation.r + ": ");
          item.appendChild(link(relation.t, relation.h));
          item.appendChild(document.createTextNode(" (" + relation.v + ")"));
          list.appendChild(item);
        });
        body.appendChild(list);
      }
      if (claim.th.length) {
        body.appendChild(make("h4", "A reason for the stance on"));
        var theses = make("ul");
        claim.th.forEach(function (thesis) {
          var item = make("li", thesis.p + ": ");
          item.appendChild(link(thesis.t, thesis.h));
          theses.appendChild(item);
        });
        body.appendChild(theses);
      }
      var buttons = make("div", "", "focus-buttons");
      var near = {};
      near[id] = true;
      claim.r.forEach(function (relation) { near[relation.id] = true; });
      buttons.appendChild(focusButton("Focus: this claim and its relations",
        function (other) { return near[other] === true; }, "this claim and its relations"));
      buttons.appendChild(focusButton("Focus: " + claim.v,
        function (other) { return claims[other].vid === claim.vid; }, claim.v + "’s claims"));
      claim.th.forEach(function (thesis) {
        buttons.appendChild(focusButton("Focus: thesis " + thesis.id, function (other) {
          return claims[other].th.some(function (t) { return t.id === thesis.id; });
        }, "the reasons given on " + thesis.id));
      });
      body.appendChild(buttons);
      body.appendChild(link("Read it on " + claim.v + "’s page", claim.h));
      title.focus({ preventScroll: true });
    }

    function showTip(g, event) {
      var claim = claims[g.getAttribute("data-claim")];
      tip.textContent = "";
      tip.appendChild(make("p", claim.v + ": " + claim.t));
      if (claim.q.length) {
        tip.appendChild(make("p", "“" + claim.q[0].q + "”"));
        tip.appendChild(make("p", "— " + claim.q[0].s + " · " + claim.q[0].k
          + (claim.q.length > 1 ? " (1 of " + claim.q.length + " quotes)" : ""), "kind"));
      }
      tip.hidden = false;
      var x = Math.min(event.clientX + 16, window.innerWidth - tip.offsetWidth - 8);
      var y = event.clientY + 16;
      if (y + tip.offsetHeight > window.innerHeight - 8) { y = event.clientY - tip.offsetHeight - 16; }
      tip.style.left = Math.max(8, x) + "px";
      tip.style.top = Math.max(8, y) + "px";
    }

    elements.forEach(function (g) {
      g.addEventListener("click", function (event) {
        event.preventDefault();
        event.stopPropagation();
        open(g.getAttribute("data-claim"));
      });
      g.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          event.stopPropagation();
          open(g.getAttribute("data-claim"));
        }
      });
      g.addEventListener("mousemove", function (event) { showTip(g, event); });
      g.addEventListener("mouseleave", function () { tip.hidden = true; });
      /* the SVG's own tooltips would repeat the text */
      all("[data-title]", g).forEach(function (node) { node.removeAttribute("data-title"); });
    });
    if (showAll) {
      showAll.addEventListener("click", function () { focusOn(null, ""); });
    }
    frame.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { focusOn(null, ""); tip.hidden = true; }
    });
  });
}());
