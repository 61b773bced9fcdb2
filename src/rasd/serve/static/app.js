// rasd dashboard: draws the charts from the JSON the server put in #chart-data (no inline script,
// so the Content-Security-Policy can forbid every script but ours). Plotly is served from the
// installed plotly package at /static/plotly.min.js.
(function () {
  "use strict";
  function ready(fn) {
    if (document.readyState !== "loading") fn(); else document.addEventListener("DOMContentLoaded", fn);
  }
  // reader: outline every piece of the event sentence named by the URL (#ev-START-END)
  function markTarget() {
    var m = /^#ev-(\d+)-(\d+)$/.exec(window.location.hash);
    var old = document.querySelectorAll("#body .target");
    for (var i = 0; i < old.length; i++) old[i].classList.remove("target");
    if (!m) return;
    var a = +m[1], b = +m[2], first = null;
    var pieces = document.querySelectorAll("#body [data-s]");
    for (var j = 0; j < pieces.length; j++) {
      var s = +pieces[j].getAttribute("data-s");
      if (s >= a && s < b) { pieces[j].classList.add("target"); if (!first) first = pieces[j]; }
    }
    if (first) first.scrollIntoView({ block: "center" });
  }
  window.addEventListener("hashchange", markTarget);
  ready(markTarget);
  ready(function () {
    var holder = document.getElementById("chart");
    var dataEl = document.getElementById("chart-data");
    if (!holder || !dataEl || typeof Plotly === "undefined") return;
    var spec = JSON.parse(dataEl.textContent);
    var rtl = document.documentElement.dir === "rtl";
    var font = { family: getComputedStyle(document.body).fontFamily, size: 13 };
    var config = { displaylogo: false, responsive: true, modeBarButtonsToRemove: ["select2d", "lasso2d"] };
    if (spec.kind === "timeline") {
      var traces = spec.series.map(function (s) {
        return { type: "bar", name: s.name, x: spec.buckets, y: s.counts, marker: { color: s.color } };
      });
      var xaxis = { type: spec.buckets.length > 3 ? "date" : "category", autorange: rtl ? "reversed" : true };
      if (spec.labels && spec.labels.length === spec.buckets.length) {
        // tick labels written by the server in the page's language, at most about eight of them
        var step = Math.max(1, Math.ceil(spec.buckets.length / 8)), vals = [], texts = [];
        for (var b = 0; b < spec.buckets.length; b += step) { vals.push(spec.buckets[b]); texts.push(spec.labels[b]); }
        xaxis.tickmode = "array"; xaxis.tickvals = vals; xaxis.ticktext = texts;
        traces.forEach(function (t) { t.customdata = spec.labels; t.hovertemplate = "%{customdata}: %{y}<extra>%{fullData.name}</extra>"; });
      }
      Plotly.newPlot(holder, traces, {
        barmode: "stack", margin: { t: 10, r: 30, b: 40, l: 40 }, font: font,
        legend: { orientation: "h", y: -0.2 }, // few buckets: a category axis (a date axis would zoom into milliseconds around one bar)
        xaxis: xaxis,
        yaxis: { side: rtl ? "right" : "left" }
      }, config).then(function () { holder.setAttribute("data-rendered", "1"); });
    } else if (spec.kind === "network") {
      var edgeTraces = spec.edges.map(function (e) {
        var coop = e.cooperation >= e.conflict;
        return { type: "scatter", mode: "lines", x: [e.x0, e.x1], y: [e.y0, e.y1], hoverinfo: "skip",
                 line: { color: coop ? "rgba(27,120,55,0.6)" : "rgba(215,25,28,0.6)", width: Math.min(12, 1 + 1.5 * Math.log2(1 + e.count)) },
                 showlegend: false };
      });
      // edge labels on an invisible marker at each edge's middle (lines themselves take no hover,
      // so a click on a node always reaches the node)
      var mids = { type: "scatter", mode: "markers", hoverinfo: "text", showlegend: false,
                   x: spec.edges.map(function (e) { return (e.x0 + e.x1) / 2; }),
                   y: spec.edges.map(function (e) { return (e.y0 + e.y1) / 2; }),
                   text: spec.edges.map(function (e) { return e.label; }), marker: { size: 10, opacity: 0 } };
      var maxW = Math.max.apply(null, spec.nodes.map(function (n) { return n.weight; }).concat([1]));
      var nodeTrace = {
        type: "scatter", mode: "markers+text", x: spec.nodes.map(function (n) { return n.x; }),
        y: spec.nodes.map(function (n) { return n.y; }), text: spec.nodes.map(function (n, i) { return i < 30 ? n.label : ""; }),
        hovertext: spec.nodes.map(function (n) { return n.label; }),
        customdata: spec.nodes.map(function (n) { return n.url; }), textposition: "top center", hoverinfo: "text", textfont: { size: 12 },
        marker: { size: spec.nodes.map(function (n) { return 10 + 22 * Math.sqrt(n.weight / maxW); }), color: "#12343b",
                  line: { color: "#fff", width: 1 } }, showlegend: false
      };
      Plotly.newPlot(holder, edgeTraces.concat([mids, nodeTrace]), {
        margin: { t: 10, r: 10, b: 10, l: 10 }, font: font, hovermode: "closest",
        xaxis: { visible: false, range: [-0.05, 1.05] }, yaxis: { visible: false, range: [-0.05, 1.1] }
      }, config).then(function () { holder.setAttribute("data-rendered", "1"); });
      holder.on("plotly_click", function (ev) {
        var pt = (ev.points || []).filter(function (q) { return typeof q.customdata === "string"; })[0];
        // only our own relative links (built by the server) are followed
        if (pt && typeof pt.customdata === "string" && pt.customdata.charAt(0) === "/" && pt.customdata.charAt(1) !== "/") {
          window.location.href = pt.customdata;
        }
      });
    }
  });
})();
