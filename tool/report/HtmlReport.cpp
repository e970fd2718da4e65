//===- report/HtmlReport.cpp - The report as one self-contained page ------===//
//
// One HTML file a CI job can archive and anyone can open offline:
//  - a header: tool version, findings, and for a merged report the runs and
//    how many cycles they confirmed;
//  - the lock graph as inline SVG, nodes on a circle (deterministic, and no
//    edge of a circle layout passes through a third node's centre), edges of
//    reported cycles in red, edges only a run saw dashed; clicking an edge
//    opens its witness in #witness, every site with a source excerpt;
//  - the findings (#findings), each with its notes and classification
//    badges; clicking one highlights its edges;
//  - for a merged report, the contention table as a bar chart and the
//    measured global locks (#contention).
//
// The C++ side writes data, not markup: the analysis goes into a JSON
// script element and a small inline script draws the page from it with
// textContent and createElement only, so no name from the program can
// become markup. The one escape that matters on this side is `<` inside the
// JSON (written `\u003c`), so neither `</script>` nor `<!--` in a lock or
// file name can end the data element early.
//
// No network: CSS and script are inline, there are no fonts, images or
// links, and a Content-Security-Policy forbids every fetch. The SVG
// namespace comes from the page's own <svg> element, so the file holds no
// URL at all (tests/browser/html_report_test.py checks it in Chromium).
//
// Source excerpts are read when the report is written: two lines either
// side of every site, each file read once; a file that cannot be read (the
// report made on another machine) just has no excerpt. Long lines are cut.
//
// Limits: the circle layout grows with the number of nodes and gets hard to
// read past a hundred or so locks (the page scrolls; the findings list stays
// usable). Everything is embedded, so the page grows with the witnesses.
//
//===----------------------------------------------------------------------===//
#include "report/Report.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"

#include <map>
#include <set>

namespace lockgraph {
namespace {

/// Lines of context shown above and below a site.
constexpr unsigned ExcerptRadius = 2;
/// Longer source lines (minified or generated code) are cut to this many bytes.
constexpr size_t MaxExcerptLine = 240;

/// JSON strings must be UTF-8; source files and names need not be.
std::string utf8(llvm::StringRef S) {
  return llvm::json::isUTF8(S) ? S.str() : llvm::json::fixUTF8(S);
}

/// The source lines the page shows, collected while the sites are written
/// and read at the end, one file at a time.
class Excerpts {
public:
  void want(const SourceSite &S) {
    std::set<unsigned> &Lines = Wanted[S.File];
    for (unsigned L = S.Line > ExcerptRadius ? S.Line - ExcerptRadius : 1;
         L <= S.Line + ExcerptRadius; ++L)
      Lines.insert(L);
  }

  /// "sources": {file: {"line": "text", ...}}; unreadable files are left out.
  void write(llvm::json::OStream &J) const {
    J.attributeObject("sources", [&] {
      for (const auto &[File, Lines] : Wanted) {
        auto Buffer = llvm::MemoryBuffer::getFile(File, /*IsText=*/true);
        if (!Buffer)
          continue;
        llvm::SmallVector<llvm::StringRef, 0> Text;
        (*Buffer)->getBuffer().split(Text, '\n');
        J.attributeObject(utf8(File), [&] {
          for (unsigned L : Lines) {
            if (L > Text.size())
              break;
            llvm::StringRef Line = Text[L - 1].rtrim("\r");
            if (Line.size() > MaxExcerptLine)
              Line = Line.take_front(MaxExcerptLine);
            J.attribute(std::to_string(L), utf8(Line));
          }
        });
      }
    });
  }

private:
  std::map<std::string, std::set<unsigned>> Wanted; // Sorted: a stable page.
};

/// Writes the page's data object: what the script draws, nothing more.
class DataWriter {
public:
  DataWriter(llvm::json::OStream &J, const ProgramAnalysis &A,
             const std::vector<Finding> &Findings, const RunEvidence *Runs)
      : J(J), G(A.Graph), Stats(A.Stats), Findings(Findings), Runs(Runs) {
    for (const Finding &F : Findings)
      CycleEdges.insert(F.Edges.begin(), F.Edges.end());
  }

  void write() {
    J.object([&] {
      J.attribute("tool", "lockgraph " LOCKGRAPH_VERSION);
      J.attribute("merged", Runs != nullptr);
      J.attributeObject("stats", [&] {
        J.attribute("translation_units", Stats.TranslationUnits);
        J.attribute("functions", Stats.Functions);
      });
      J.attribute("excerpt_radius", ExcerptRadius);
      if (Runs)
        writeRuns();
      writeLocks();
      writeEdges();
      writeFindings();
      if (Runs)
        writeContention();
      // Last: every site above has asked for its lines by now.
      Sources.write(J);
    });
  }

private:
  /// A site as {file, line, column, function}, or null when unknown (a run's
  /// witness without debug info for the held lock).
  void site(const SourceSite &S) {
    if (!S.valid()) {
      J.value(nullptr);
      return;
    }
    Sources.want(S);
    J.object([&] {
      J.attribute("file", utf8(S.File));
      J.attribute("line", S.Line);
      J.attribute("column", S.Column);
      if (!S.Function.empty())
        J.attribute("function", utf8(S.Function));
    });
  }

  void siteAttribute(llvm::StringRef Name, const SourceSite &S) {
    J.attributeBegin(Name);
    site(S);
    J.attributeEnd();
  }

  void steps(llvm::StringRef Name, const std::vector<ChainStep> &Steps) {
    J.attributeArray(Name, [&] {
      for (const ChainStep &S : Steps)
        J.object([&] {
          J.attribute("callee", utf8(S.Callee));
          siteAttribute("site", S.Site);
        });
    });
  }

  void witness(llvm::StringRef Name, const EdgeWitness &W) {
    J.attributeObject(Name, [&] {
      siteAttribute("held_at", W.HeldAt);
      J.attribute("held_mode", modeName(W.HeldMode));
      steps("chain", W.Chain);
      siteAttribute("acquired_at", W.AcquiredAt);
      J.attribute("mode", modeName(W.AcquiredMode));
      steps("context", W.Context);
    });
  }

  void writeRuns() {
    J.attributeArray("runs", [&] {
      for (const std::string &P : Runs->Programs)
        J.value(utf8(P));
    });
    J.attributeObject("classification", [&] {
      J.attribute("confirmed", Runs->Confirmed);
      J.attribute("static_only", Runs->StaticOnly);
      J.attribute("runtime_only", Runs->RuntimeOnly);
    });
  }

  void writeLocks() {
    J.attributeArray("locks", [&] {
      for (const LockNode &N : G.nodes())
        J.object([&] {
          J.attribute("name", utf8(N.Name));
          J.attribute("kind", kindName(N.Kind));
          J.attribute("type", utf8(N.Type));
          J.attribute("recursive", N.Recursive);
        });
    });
  }

  void writeEdges() {
    J.attributeArray("edges", [&] {
      for (unsigned I = 0; I < G.edges().size(); ++I)
        J.object([&] {
          const LockEdge &E = G.edges()[I];
          J.attribute("from", E.From);
          J.attribute("to", E.To);
          J.attribute("cycle", CycleEdges.count(I) != 0);
          witness("witness", E.Witness);
          if (Runs && I < Runs->EdgeOrigins.size())
            writeOrigin(Runs->EdgeOrigins[I]);
        });
    });
  }

  /// Which side saw the edge and, when a run did, where and how.
  void writeOrigin(const EdgeOrigin &O) {
    J.attribute("origin", O.Static && O.Runtime ? "both" : O.Runtime ? "runtime" : "static");
    if (!O.Runtime)
      return;
    J.attributeObject("run", [&] {
      J.attribute("program", utf8(O.Program));
      J.attribute("thread", O.Thread);
      witness("witness", O.RuntimeWitness);
    });
  }

  void writeFindings() {
    J.attributeArray("findings", [&] {
      for (const Finding &F : Findings)
        J.object([&] {
          J.attribute("check", F.Check);
          J.attribute("id", F.Id);
          J.attribute("message", utf8(F.Message));
          siteAttribute("site", F.Site);
          J.attributeArray("notes", [&] {
            for (const Note &N : F.Notes)
              J.object([&] {
                J.attribute("message", utf8(N.Message));
                siteAttribute("site", N.Site);
              });
          });
          J.attributeArray("tags", [&] {
            for (const std::string &T : F.Tags)
              J.value(utf8(T));
          });
          J.attributeArray("edges", [&] {
            for (unsigned E : F.Edges)
              if (E < G.edges().size())
                J.value(E);
          });
          J.attributeArray("locks", [&] {
            for (LockId L : F.Locks)
              if (L < G.nodes().size())
                J.value(L);
          });
        });
    });
  }

  void writeContention() {
    J.attributeArray("contention", [&] {
      for (const ContentionRow &C : Runs->Contention)
        J.object([&] {
          J.attribute("lock", utf8(C.Lock));
          siteAttribute("site", C.Site);
          J.attribute("acquisitions", int64_t(C.Acquisitions));
          J.attribute("contended", int64_t(C.Contended));
          J.attribute("wait_ns_total", int64_t(C.WaitNsTotal));
          J.attribute("wait_ns_max", int64_t(C.WaitNsMax));
          J.attribute("cond_waits", int64_t(C.CondWaits));
          J.attribute("threads", C.Threads);
          J.attribute("runs", C.Runs);
        });
    });
    J.attributeArray("global_locks", [&] {
      for (const MeasuredGlobalLock &M : Runs->GlobalLocks)
        J.object([&] {
          J.attribute("lock", utf8(M.Lock));
          J.attribute("program", utf8(M.Program));
          J.attribute("kind", utf8(M.Kind));
          J.attribute("share", M.Share);
          J.attribute("wait_share", M.WaitShare);
          J.attribute("threads_waiting", M.ThreadsWaiting);
          J.attribute("effective_parallelism", M.EffectiveParallelism);
          J.attribute("static", M.Static);
        });
    });
  }

  llvm::json::OStream &J;
  const LockGraph &G;
  const AnalysisStats &Stats;
  const std::vector<Finding> &Findings;
  const RunEvidence *Runs;
  std::set<unsigned> CycleEdges;
  Excerpts Sources;
};

/// JSON as the text of a <script> element: `<` only occurs inside JSON
/// strings, where `\u003c` means the same, so `</script>` and `<!--` cannot.
std::string scriptSafe(llvm::StringRef Json) {
  std::string Out;
  Out.reserve(Json.size());
  for (char C : Json) {
    if (C == '<')
      Out += "\\u003c";
    else
      Out += C;
  }
  return Out;
}

// The page's head. The first script collects errors before anything else
// runs, so the browser test (and a curious reader) can see a broken page.
constexpr const char *PageHead = R"HTML(<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>lockgraph report</title>
<script>
window.lockgraphErrors = [];
window.addEventListener('error', function (e) { window.lockgraphErrors.push(String(e.message || e)); });
</script>
)HTML";

constexpr const char *PageStyle = R"CSS(<style>
:root { --ink: #1d2330; --muted: #5f6b7a; --line: #d5dae1; --cycle: #c62828;
        --active: #1565c0; --highlight: #ef6c00; --bg: #f6f7f9; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, sans-serif; color: var(--ink); background: var(--bg); }
header, main > section { margin: 0 auto; max-width: 1200px; padding: 12px 20px; }
header { border-bottom: 1px solid var(--line); background: #fff; max-width: none; }
h1 { font-size: 20px; margin: 4px 0; }
h2 { font-size: 16px; margin: 8px 0; }
h3 { font-size: 15px; margin: 4px 0 8px; }
h4 { font-size: 14px; margin: 12px 0 4px; }
code, pre, .site, .lock { font-family: ui-monospace, monospace; font-size: 13px; }
.muted, .hint { color: var(--muted); }
.graph-area { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; }
.graph-area > * { min-width: 0; } /* Long source lines scroll; they do not push the panel down. */
.site { overflow-wrap: anywhere; }
.graph-box svg { display: block; margin: 0 auto; max-width: 100%; height: auto; } /* Big graphs shrink to fit. */
.graph-box { flex: 1 1 480px; overflow: auto; background: #fff; border: 1px solid var(--line); border-radius: 6px; }
#witness { flex: 1 1 380px; min-height: 120px; background: #fff; border: 1px solid var(--line);
           border-radius: 6px; padding: 10px 14px; }
#legend { display: flex; gap: 18px; color: var(--muted); margin: 4px 0 8px; }
#legend svg { vertical-align: middle; margin-right: 4px; }
svg text.muted { fill: var(--muted); }
svg .node rect { fill: #fff; stroke: #4a5568; stroke-width: 1.2; }
svg .node.in-cycle rect { stroke: var(--cycle); stroke-width: 2; }
svg .node text { font: 13px ui-monospace, monospace; fill: var(--ink); dominant-baseline: central; text-anchor: middle; }
svg .edge { cursor: pointer; outline: none; }
svg .edge-label { font: 11px ui-monospace, monospace; fill: var(--muted); pointer-events: none; dominant-baseline: central;
                  paint-order: stroke; stroke: #fff; stroke-width: 3px; stroke-linejoin: round; }
svg .edge .hit { fill: transparent; stroke: none; pointer-events: all; }
svg .line { stroke: #6b7686; stroke-width: 1.6; fill: none; marker-end: url(#arrow); pointer-events: none; }
svg .cycle .line { stroke: var(--cycle); stroke-width: 2.4; marker-end: url(#arrow-cycle); }
svg .runtime-only .line { stroke-dasharray: 7 4; }
svg .edge:hover .line, svg .edge:focus .line { stroke-width: 3.4; }
svg .edge.highlight .line { stroke: var(--highlight); stroke-width: 3.4; marker-end: url(#arrow-highlight); }
svg .edge.active .line { stroke: var(--active); stroke-width: 3.4; marker-end: url(#arrow-active); }
svg .edges.dimmed .edge:not(.highlight) { opacity: 0.25; }
.steps { margin: 4px 0; padding-left: 22px; }
.steps li { margin: 6px 0; }
pre.excerpt { margin: 4px 0; padding: 4px 0; background: #f3f4f6; border-radius: 4px; overflow-x: auto; }
pre.excerpt .src { display: block; padding: 0 8px; white-space: pre; }
pre.excerpt .here { background: #fff3c4; }
pre.excerpt .ln { display: inline-block; min-width: 3.5em; color: var(--muted); user-select: none; }
.finding { background: #fff; border: 1px solid var(--line); border-left: 4px solid var(--cycle);
           border-radius: 6px; margin: 8px 0; padding: 8px 12px; cursor: pointer; }
.finding.selected { border-color: var(--highlight); box-shadow: 0 0 0 2px var(--highlight); }
.finding .notes { margin: 4px 0 0; padding-left: 22px; color: var(--muted); }
.badge { display: inline-block; border-radius: 10px; padding: 0 8px; margin-right: 6px; font-size: 12px;
         background: #e8eaef; color: var(--ink); }
.badge.check { background: #fde2e1; color: #8c1d18; font-weight: 600; }
.badge.tag-confirmed { background: #c62828; color: #fff; }
.badge.tag-static-only { background: #e3ecfa; color: #0d3c84; }
.badge.tag-runtime-only { background: #fff0d6; color: #7a4a00; }
.bars { display: grid; grid-template-columns: minmax(160px, max-content) minmax(200px, 1fr); gap: 6px 12px; align-items: center; }
.bar-track { background: #e8eaef; border-radius: 3px; height: 14px; }
.bar { background: var(--active); border-radius: 3px; height: 14px; min-width: 2px; }
.bar-text { grid-column: 2; color: var(--muted); font-size: 12px; margin-top: -4px; }
table { border-collapse: collapse; background: #fff; margin-top: 8px; }
th, td { border: 1px solid var(--line); padding: 3px 8px; text-align: left; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
</style>
</head>
)CSS";

constexpr const char *PageBody = R"HTML(<body>
<header id="summary"><h1>lockgraph report</h1></header>
<main>
<section>
<h2>Lock graph</h2>
<div id="legend"></div>
<div class="graph-area">
<div class="graph-box"><svg id="graph" role="img" aria-label="lock graph"></svg></div>
<div id="witness"><p class="hint">Click an edge to see why it exists: where each lock was taken, with the source.</p></div>
</div>
</section>
<section><h2>Findings</h2><div id="findings"></div></section>
<section id="contention-section" hidden><h2>Contention</h2><div id="contention"></div></section>
</main>
<noscript><p>This page draws the report with JavaScript. The data is in the script element
<code>lockgraph-data</code>; <code>--format=json</code> gives the same report as a file.</p></noscript>
)HTML";

// Draws the page from the data element. Text goes in with textContent only;
// no innerHTML anywhere, so names and source lines are never parsed.
constexpr const char *PageScript = R"JS(<script>
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('lockgraph-data').textContent);
  var svg = document.getElementById('graph');
  var SVGNS = svg.namespaceURI; // The page holds no URL, not even this one.

  function own(obj, key) { return obj != null && Object.prototype.hasOwnProperty.call(obj, key); }

  // An HTML element with attributes and children (strings become text).
  function h(tag, attrs) {
    var e = document.createElement(tag);
    setAttrs(e, attrs);
    for (var i = 2; i < arguments.length; i++) append(e, arguments[i]);
    return e;
  }
  function s(tag, attrs) {
    var e = document.createElementNS(SVGNS, tag);
    setAttrs(e, attrs);
    return e;
  }
  function setAttrs(e, attrs) {
    for (var k in attrs || {}) if (own(attrs, k) && attrs[k] != null) e.setAttribute(k, String(attrs[k]));
  }
  function append(parent, child) {
    if (child == null) return;
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  function lockName(i) { return data.locks[i] ? data.locks[i].name : '#' + i; }
  function siteText(site) {
    return site.file + ':' + site.line + (site.column ? ':' + site.column : '');
  }
  function plural(n, word) { return n + ' ' + word + (n === 1 ? '' : 's'); }
  function duration(ns) {
    if (ns >= 1e9) return (ns / 1e9).toFixed(2) + ' s';
    if (ns >= 1e6) return (ns / 1e6).toFixed(2) + ' ms';
    if (ns >= 1e3) return (ns / 1e3).toFixed(1) + ' \u00b5s';
    return ns + ' ns';
  }
  function percent(x) { return (100 * x).toFixed(1) + '%'; }

  // A site's lines from the embedded sources, the site's own line marked.
  function excerpt(site) {
    var lines = own(data.sources, site.file) ? data.sources[site.file] : null;
    if (!lines || !own(lines, String(site.line))) return null;
    var pre = h('pre', {'class': 'excerpt'});
    var radius = data.excerpt_radius;
    for (var l = site.line - radius; l <= site.line + radius; l++) {
      if (!own(lines, String(l))) continue;
      pre.appendChild(h('span', {'class': l === site.line ? 'src here' : 'src'},
                        h('span', {'class': 'ln'}, String(l)), lines[String(l)]));
    }
    return pre;
  }

  // "file:line:col in function", then the excerpt unless `shown` (a set of
  // file:line already excerpted in this panel) has it or is null.
  function siteBlock(site, shown) {
    if (!site) return h('div', {'class': 'muted'}, '(no source location)');
    var div = h('div', null, h('span', {'class': 'site'}, siteText(site)),
                site.function ? ' in ' : null,
                site.function ? h('code', null, site.function) : null);
    var key = site.file + ':' + site.line;
    if (shown && !own(shown, key)) {
      shown[key] = true;
      append(div, excerpt(site));
    }
    return div;
  }

  function summary() {
    var head = document.getElementById('summary');
    var findings = data.findings.length;
    append(head, h('p', null, data.tool + ' \u00b7 ' + plural(findings, 'finding') + ' \u00b7 ' +
                   plural(data.locks.length, 'lock') + ', ' + plural(data.edges.length, 'edge') +
                   ' \u00b7 ' + plural(data.stats.translation_units, 'translation unit') + ', ' +
                   plural(data.stats.functions, 'function')));
    if (!data.merged) return;
    // One program usually runs many times (one run per test): name each
    // program once, with its count.
    var runs = h('p', null, plural(data.runs.length, 'run') + (data.runs.length ? ': ' : ''));
    var programs = [], counts = Object.create(null);
    data.runs.forEach(function (p) {
      if (!(p in counts)) { programs.push(p); counts[p] = 0; }
      counts[p]++;
    });
    programs.forEach(function (p, i) {
      if (i) append(runs, ', ');
      append(runs, h('code', null, p));
      if (counts[p] > 1) append(runs, ' \u00d7' + counts[p]);
    });
    append(head, runs);
    var c = data.classification;
    append(head, h('p', {id: 'classification'}, 'Lock-order cycles: ' + c.confirmed +
                   ' confirmed at run time, ' + c.static_only + ' static only, ' +
                   c.runtime_only + ' runtime only'));
  }

  function legend() {
    var box = document.getElementById('legend');
    function sample(cls, text) {
      var g = s('svg', {width: 34, height: 10});
      var wrap = s('g', {'class': 'swatch ' + cls}); // Not .edge: those are the graph's.
      wrap.appendChild(s('line', {'class': 'line', x1: 1, y1: 5, x2: 24, y2: 5}));
      g.appendChild(wrap);
      box.appendChild(h('span', null, g, text));
    }
    sample('', data.merged ? 'seen by the static analysis' : 'A \u2192 B: B taken while holding A');
    sample('cycle', 'edge of a reported cycle');
    if (data.merged) sample('runtime-only', 'seen only at run time');
  }

  function arrowMarker(defs, id, color) {
    var m = s('marker', {id: id, viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 10,
                         markerHeight: 10, markerUnits: 'userSpaceOnUse', orient: 'auto'});
    m.appendChild(s('path', {d: 'M0,0 L10,5 L0,10 z', fill: color}));
    defs.appendChild(m);
  }

  // Distance from a box's centre to its border along the unit vector (ux, uy).
  function toBorder(halfW, halfH, ux, uy) {
    var tx = Math.abs(ux) > 1e-9 ? halfW / Math.abs(ux) : Infinity;
    var ty = Math.abs(uy) > 1e-9 ? halfH / Math.abs(uy) : Infinity;
    return Math.min(tx, ty);
  }

  var edgeLayer = s('g', {'class': 'edges'});
  var labelLayer = s('g', {'class': 'edge-labels'});
  var edgeElements = [];

  // Where the edge's second lock is taken, beside the edge on its lane's
  // side (the label layer takes no clicks, so it never covers an edge).
  function edgeLabel(e, x, y, side) {
    var at = e.witness.acquired_at || (e.run && e.run.witness.acquired_at);
    if (!at) return;
    var anchor = side > 0.3 ? 'start' : side < -0.3 ? 'end' : 'middle';
    var t = s('text', {'class': 'edge-label', x: x.toFixed(1), y: y.toFixed(1), 'text-anchor': anchor});
    t.textContent = at.file.replace(/^.*[\\/]/, '') + ':' + at.line;
    labelLayer.appendChild(t);
  }

  // Nodes on a circle, in id order (the analysis numbers them the same way
  // for the same input, so the picture is stable). Edges are straight; an
  // edge whose reverse also exists runs in its own lane beside it, so both
  // stay visible and clickable.
  function drawGraph() {
    var defs = s('defs');
    arrowMarker(defs, 'arrow', '#6b7686');
    arrowMarker(defs, 'arrow-cycle', '#c62828');
    arrowMarker(defs, 'arrow-highlight', '#ef6c00');
    arrowMarker(defs, 'arrow-active', '#1565c0');
    var nodeLayer = s('g', {'class': 'nodes'});
    svg.appendChild(defs);
    svg.appendChild(edgeLayer);
    svg.appendChild(nodeLayer);
    svg.appendChild(labelLayer); // On top, haloed: nodes must not hide them.

    var inCycle = {};
    data.findings.forEach(function (f) {
      if (f.edges.length) f.locks.forEach(function (l) { inCycle[l] = true; });
    });
    var nodeH = 26;
    var nodes = data.locks.map(function (lock, i) {
      var g = s('g', {'class': 'node' + (inCycle[i] ? ' in-cycle' : ''), 'data-node': i});
      var title = s('title');
      title.textContent = lock.name + ' (' + lock.kind + (lock.type ? ' ' + lock.type : '') + ')';
      var rect = s('rect', {rx: 5, ry: 5, height: nodeH});
      var text = s('text');
      text.textContent = lock.name;
      g.appendChild(title);
      g.appendChild(rect);
      g.appendChild(text);
      nodeLayer.appendChild(g);
      var w = (text.getComputedTextLength() || lock.name.length * 7.8) + 20;
      return {g: g, rect: rect, text: text, w: w, x: 0, y: 0};
    });
    if (!nodes.length) {
      svg.setAttribute('width', 320);
      svg.setAttribute('height', 40);
      var none = s('text', {x: 12, y: 24, 'class': 'muted'});
      none.textContent = 'No lock is taken while holding another.';
      svg.appendChild(none);
      return;
    }

    // The smallest radius (growing from 110 by 8%) at which no node's box
    // touches its three neighbours' on either side: boxes are wide, so two
    // near the top or bottom of the circle need more room than two on the
    // sides. Farther nodes are farther apart.
    var count = nodes.length, r = count === 1 ? 0 : 110;
    function place(radius) {
      nodes.forEach(function (n, i) { // Centred on 0,0; the viewBox is fitted below.
        var a = -Math.PI / 2 + 2 * Math.PI * i / count;
        n.x = radius * Math.cos(a);
        n.y = radius * Math.sin(a);
      });
    }
    function crowded() {
      for (var i = 0; i < count; i++)
        for (var k = 1; k <= 3 && k < count; k++) {
          var m = nodes[i], o = nodes[(i + k) % count];
          if (Math.abs(m.x - o.x) < (m.w + o.w) / 2 + 12 && Math.abs(m.y - o.y) < nodeH + 12) return true;
        }
      return false;
    }
    for (place(r); count > 1 && crowded() && r < 20000; place(r)) r *= 1.08;
    nodes.forEach(function (n) {
      setAttrs(n.rect, {x: n.x - n.w / 2, y: n.y - nodeH / 2, width: n.w});
      setAttrs(n.text, {x: n.x, y: n.y});
    });

    var exists = {};
    data.edges.forEach(function (e) { exists[e.from + ',' + e.to] = true; });
    data.edges.forEach(function (e, i) {
      var a = nodes[e.from], b = nodes[e.to];
      var dx = b.x - a.x, dy = b.y - a.y, len = Math.sqrt(dx * dx + dy * dy) || 1;
      var ux = dx / len, uy = dy / len;
      var lane = exists[e.to + ',' + e.from] ? 7 : 0; // To the right of the direction.
      var ox = -uy * lane, oy = ux * lane;
      var start = toBorder(a.w / 2 + 3, nodeH / 2 + 3, ux, uy);
      var end = toBorder(b.w / 2 + 4, nodeH / 2 + 4, ux, uy);
      var x1 = a.x + ox + ux * start, y1 = a.y + oy + uy * start;
      var x2 = b.x + ox - ux * end, y2 = b.y + oy - uy * end;
      var cls = 'edge' + (e.cycle ? ' cycle' : '') + (e.origin === 'runtime' ? ' runtime-only' : '');
      var g = s('g', {'class': cls, 'data-edge': i, tabindex: 0, role: 'button'});
      var title = s('title');
      title.textContent = lockName(e.from) + ' -> ' + lockName(e.to);
      // The hit area: a 12px band around the line, centred on it, so a
      // click on the middle of an edge always lands on that edge.
      var px = -uy * 6, py = ux * 6;
      var hit = s('polygon', {'class': 'hit', points: [
        [x1 + px, y1 + py], [x2 + px, y2 + py], [x2 - px, y2 - py], [x1 - px, y1 - py]
      ].map(function (p) { return p[0].toFixed(1) + ',' + p[1].toFixed(1); }).join(' ')});
      g.appendChild(title);
      g.appendChild(hit);
      g.appendChild(s('line', {'class': 'line', x1: x1.toFixed(1), y1: y1.toFixed(1),
                               x2: x2.toFixed(1), y2: y2.toFixed(1)}));
      edgeLayer.appendChild(g);
      edgeElements.push(g);
      if (data.edges.length <= 60) // Past that they are clutter; tooltips remain.
        edgeLabel(e, (x1 + x2) / 2 - uy * 10, (y1 + y2) / 2 + ux * 10, -uy);
    });

    // Fit the picture to what was drawn: labels may reach past the circle.
    var box = svg.getBBox(), pad = 12;
    var vb = [box.x - pad, box.y - pad, box.width + 2 * pad, box.height + 2 * pad].map(Math.round);
    svg.setAttribute('viewBox', vb.join(' '));
    svg.setAttribute('width', vb[2]);
    svg.setAttribute('height', vb[3]);

    function pick(ev) {
      var g = ev.target.closest ? ev.target.closest('.edge') : null;
      if (g) showWitness(Number(g.getAttribute('data-edge')));
    }
    edgeLayer.addEventListener('click', pick);
    edgeLayer.addEventListener('keydown', function (ev) {
      if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); pick(ev); }
    });
  }

  // The numbered steps of a witness: held lock, calls, acquisition.
  function witnessSteps(w, from, to, shown) {
    var ol = h('ol', {'class': 'steps'});
    function step(text, site) { ol.appendChild(h('li', null, h('div', null, text), siteBlock(site, shown))); }
    if (w.held_at) step(from + ' acquired (' + w.held_mode + ')', w.held_at);
    w.chain.forEach(function (c) { step('calls ' + c.callee, c.site); });
    step(to + ' acquired (' + w.mode + ') while holding ' + from, w.acquired_at);
    var box = h('div', null, ol);
    if (w.context.length) {
      var ctx = h('ol', {'class': 'steps'});
      w.context.forEach(function (c) { ctx.appendChild(h('li', null, h('div', null, 'calls ' + c.callee), siteBlock(c.site, shown))); });
      append(box, h('div', {'class': 'muted'}, 'The locks are arguments of these calls, outermost first:'));
      append(box, ctx);
    }
    return box;
  }

  var originText = {
    'static': 'seen by the static analysis only',
    'runtime': 'seen only at run time',
    'both': 'seen by the static analysis and at run time'
  };

  function showWitness(i) {
    var e = data.edges[i];
    if (!e) return;
    edgeElements.forEach(function (g, j) { g.classList.toggle('active', j === i); });
    var from = lockName(e.from), to = lockName(e.to);
    var panel = document.getElementById('witness');
    panel.textContent = '';
    panel.setAttribute('data-edge', i);
    append(panel, h('h3', null, h('span', {'class': 'lock'}, from), ' \u2192 ',
                    h('span', {'class': 'lock'}, to)));
    var facts = [];
    if (e.cycle) facts.push('edge of a reported cycle');
    if (e.origin) facts.push(originText[e.origin] || e.origin);
    if (facts.length) append(panel, h('p', {'class': 'muted'}, facts.join('; ')));
    var shown = {}; // A run's witness often repeats the static one's sites.
    if (e.origin !== 'runtime') append(panel, witnessSteps(e.witness, from, to, shown));
    if (e.run) {
      append(panel, h('h4', null, 'At run time'));
      append(panel, h('p', null, 'program ', h('code', null, e.run.program), ', thread ' + e.run.thread));
      append(panel, witnessSteps(e.run.witness, from, to, shown));
    }
  }

  var selectedFinding = -1;
  function selectFinding(i) {
    selectedFinding = selectedFinding === i ? -1 : i;
    var edges = {};
    if (selectedFinding >= 0) data.findings[i].edges.forEach(function (k) { edges[k] = true; });
    edgeElements.forEach(function (g, k) { g.classList.toggle('highlight', !!edges[k]); });
    edgeLayer.classList.toggle('dimmed', selectedFinding >= 0 && data.findings[i].edges.length > 0);
    document.querySelectorAll('#findings .finding').forEach(function (div, k) {
      div.classList.toggle('selected', k === selectedFinding);
    });
  }

  function findings() {
    var list = document.getElementById('findings');
    if (!data.findings.length) {
      append(list, h('p', {'class': 'muted'}, 'No findings.'));
      return;
    }
    data.findings.forEach(function (f, i) {
      var head = h('div', null, h('span', {'class': 'badge check'}, f.check));
      f.tags.forEach(function (t) {
        append(head, h('span', {'class': 'badge tag-' + t.replace(/[^A-Za-z0-9-]/g, '_')}, t));
      });
      var notes = h('ol', {'class': 'notes'});
      f.notes.forEach(function (n) {
        notes.appendChild(h('li', null, n.site ? h('span', {'class': 'site'}, siteText(n.site)) : null,
                            n.site ? ': ' : null, n.message));
      });
      var div = h('div', {'class': 'finding', 'data-finding': i, tabindex: 0, role: 'button',
                          title: f.edges.length ? 'Click to highlight its edges' : null},
                  head, h('div', null, f.message), siteBlock(f.site, null), notes);
      div.addEventListener('click', function () { selectFinding(i); });
      div.addEventListener('keydown', function (ev) {
        if (ev.key === 'Enter') selectFinding(i);
      });
      list.appendChild(div);
    });
  }

  // Total wait per lock as bars, longest first (the merge sorts them).
  function contention() {
    var rows = data.contention || [], globals = data.global_locks || [];
    if (!rows.length && !globals.length) return;
    document.getElementById('contention-section').hidden = false;
    var box = document.getElementById('contention');
    if (rows.length) {
      var most = Math.max.apply(null, rows.map(function (r) { return r.wait_ns_total; })) || 1;
      var bars = h('div', {'class': 'bars'});
      rows.forEach(function (r) {
        var bar = h('div', {'class': 'bar'});
        bar.style.width = (100 * r.wait_ns_total / most).toFixed(1) + '%';
        append(bars, h('div', {'class': 'lock', title: r.site ? siteText(r.site) : null}, r.lock));
        append(bars, h('div', {'class': 'bar-track'}, bar));
        append(bars, h('div', {'class': 'bar-text'},
          duration(r.wait_ns_total) + ' total wait \u00b7 ' + plural(r.acquisitions, 'acquisition') +
          ' \u00b7 ' + r.contended + ' contended \u00b7 max wait ' + duration(r.wait_ns_max) +
          ' \u00b7 ' + plural(r.threads, 'thread') + (r.cond_waits ? ' \u00b7 ' + plural(r.cond_waits, 'condition wait') : '')));
      });
      append(box, h('h3', null, 'Total wait per lock'));
      append(box, bars);
    }
    if (globals.length) {
      append(box, h('h3', null, 'Global locks measured'));
      var table = h('table', null, h('tr', null, h('th', null, 'lock'), h('th', null, 'program'),
        h('th', null, 'kind'), h('th', null, 'held share'), h('th', null, 'wait share'),
        h('th', null, 'threads waiting'), h('th', null, 'effective parallelism'),
        h('th', null, 'static finding')));
      globals.forEach(function (g) {
        table.appendChild(h('tr', null, h('td', {'class': 'lock'}, g.lock), h('td', null, g.program),
          h('td', null, g.kind), h('td', {'class': 'num'}, percent(g.share)),
          h('td', {'class': 'num'}, percent(g.wait_share)), h('td', {'class': 'num'}, String(g.threads_waiting)),
          h('td', {'class': 'num'}, g.effective_parallelism.toFixed(2)), h('td', null, g.static ? 'yes' : 'no')));
      });
      append(box, table);
    }
  }

  summary();
  legend();
  drawGraph();
  findings();
  contention();
  document.body.setAttribute('data-ready', '1');
})();
</script>
)JS";

} // namespace

void writeHtmlReport(llvm::raw_ostream &OS, const ProgramAnalysis &A,
                     const std::vector<Finding> &Findings, const RunEvidence *Runs) {
  std::string Data;
  {
    llvm::raw_string_ostream DS(Data);
    llvm::json::OStream J(DS);
    DataWriter(J, A, Findings, Runs).write();
  }
  OS << PageHead << PageStyle << PageBody
     << "<script type=\"application/json\" id=\"lockgraph-data\">" << scriptSafe(Data)
     << "</script>\n"
     << PageScript << "</body>\n</html>\n";
}

} // namespace lockgraph
