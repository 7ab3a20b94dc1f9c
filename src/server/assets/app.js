// opgraph endpoint page. Plain JavaScript, no libraries; talks only to this server.
"use strict";

const $ = (id) => document.getElementById(id);
const SVG_NS = "http://www.w3.org/2000/svg";
const PREFIXES = [
  ["opg:", "https://w3id.org/opgraph/ontology#"],
  ["rdf:", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"],
  ["rdfs:", "http://www.w3.org/2000/01/rdf-schema#"],
  ["xsd:", "http://www.w3.org/2001/XMLSchema#"],
];
const SOLUTION_FORMATS = [["json", "JSON"], ["xml", "XML"], ["csv", "CSV"], ["tsv", "TSV"]];
const GRAPH_FORMATS = [["turtle", "Turtle"], ["ntriples", "N-Triples"], ["nquads", "N-Quads"], ["jsonld", "JSON-LD"], ["rdfxml", "RDF/XML"]];
const ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9";

let canned = [];

function shorten(iri) {
  for (const [p, ns] of PREFIXES) {
    if (iri.startsWith(ns)) return p + iri.slice(ns.length);
  }
  return iri;
}

function setStatus(text, isError) {
  const s = $("status");
  s.textContent = text;
  s.className = isError ? "error" : "";
}

function current() {
  const name = $("picker").value;
  return canned.find((q) => q.name === name) || null;
}

function paramValues(q) {
  const out = [];
  for (const p of q.params) {
    const input = document.querySelector(`#params input[data-param="${CSS.escape(p.name)}"]`);
    if (input && input.value.trim() !== "") out.push([p.name, input.value.trim()]);
  }
  return out;
}

/// The URL that runs what the editor holds, with an optional format parameter.
function runUrl(format) {
  const q = current();
  const params = new URLSearchParams();
  let path;
  if (q && $("query").value === q.sparql) {
    path = "/queries/" + encodeURIComponent(q.name);
    for (const [k, v] of paramValues(q)) params.append(k, v);
  } else {
    path = "/sparql";
    params.append("query", $("query").value);
  }
  if (format) params.append("format", format);
  return path + "?" + params.toString();
}

function pick(name) {
  $("picker").value = name;
  const q = current();
  const box = $("params");
  box.textContent = "";
  $("query-description").textContent = q ? q.description : "";
  if (!q) return;
  $("query").value = q.sparql;
  for (const p of q.params) {
    const label = document.createElement("label");
    const span = document.createElement("span");
    span.textContent = "?" + p.name;
    const input = document.createElement("input");
    input.dataset.param = p.name;
    input.placeholder = p.description || "value (IRI, \"literal\" or number)";
    label.append(span, input);
    box.append(label);
  }
}

function cell(term) {
  const td = document.createElement("td");
  if (!term) return td;
  if (term.type === "uri") {
    td.className = "uri";
    td.textContent = shorten(term.value);
    td.title = term.value;
  } else if (term.type === "bnode") {
    td.textContent = "_:" + term.value;
  } else {
    td.textContent = term.value;
    if (term.datatype) td.title = shorten(term.datatype);
    if (term["xml:lang"]) td.title = "@" + term["xml:lang"];
  }
  return td;
}

function renderTable(vars, rows) {
  const table = $("results-table");
  table.textContent = "";
  const thead = table.createTHead();
  const hr = thead.insertRow();
  for (const v of vars) {
    const th = document.createElement("th");
    th.textContent = v;
    hr.append(th);
  }
  const tbody = table.createTBody();
  for (const r of rows) {
    const tr = tbody.insertRow();
    for (const v of vars) tr.append(cell(r[v]));
  }
}

// Reads one N-Triples term at the start of s; returns [term, rest].
function ntTerm(s) {
  s = s.trimStart();
  if (s.startsWith("<")) {
    const end = s.indexOf(">");
    return [{ type: "uri", value: s.slice(1, end) }, s.slice(end + 1)];
  }
  if (s.startsWith("_:")) {
    const m = /^_:(\S+)/.exec(s);
    return [{ type: "bnode", value: m[1] }, s.slice(m[0].length)];
  }
  if (s.startsWith('"')) {
    let i = 1;
    while (i < s.length && s[i] !== '"') i += s[i] === "\\" ? 2 : 1;
    const raw = s.slice(1, i);
    let rest = s.slice(i + 1);
    const value = raw.replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/g, (_, e) => {
      if (e[0] === "u" || e[0] === "U") return String.fromCodePoint(parseInt(e.slice(1), 16));
      return { n: "\n", t: "\t", r: "\r", b: "\b", f: "\f" }[e] || e;
    });
    const term = { type: "literal", value };
    const m = /^(\^\^<([^>]*)>|@([A-Za-z0-9-]+))/.exec(rest);
    if (m) {
      if (m[2]) term.datatype = m[2];
      if (m[3]) term["xml:lang"] = m[3];
      rest = rest.slice(m[0].length);
    }
    return [term, rest];
  }
  return [null, ""];
}

function parseNTriples(text) {
  const rows = [];
  for (const line of text.split("\n")) {
    if (!line.trim() || line.startsWith("#")) continue;
    const [s, r1] = ntTerm(line);
    const [p, r2] = ntTerm(r1);
    const [o] = ntTerm(r2);
    rows.push({ subject: s, predicate: p, object: o });
  }
  return rows;
}

function renderDownloads(formats) {
  const box = $("downloads");
  box.textContent = "Download: ";
  for (const [f, label] of formats) {
    const a = document.createElement("a");
    a.href = runUrl(f);
    a.textContent = label;
    a.setAttribute("download", "result." + f);
    a.dataset.format = f;
    box.append(a);
  }
}

async function run() {
  const button = $("run");
  button.disabled = true;
  setStatus("running…");
  const started = performance.now();
  try {
    const q = current();
    let resp;
    if (q && $("query").value === q.sparql) {
      resp = await fetch(runUrl(null), { headers: { Accept: ACCEPT } });
    } else {
      resp = await fetch("/sparql", {
        method: "POST",
        headers: { Accept: ACCEPT, "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ query: $("query").value }).toString(),
      });
    }
    const text = await resp.text();
    if (!resp.ok) {
      setStatus(`${resp.status}: ${text.trim()}`, true);
      return;
    }
    const ms = Math.round(performance.now() - started);
    const type = resp.headers.get("Content-Type") || "";
    if (type.includes("json")) {
      const data = JSON.parse(text);
      if (typeof data.boolean === "boolean") {
        renderTable(["boolean"], [{ boolean: { type: "literal", value: String(data.boolean) } }]);
        setStatus(`${data.boolean} (${ms} ms)`);
      } else {
        renderTable(data.head.vars, data.results.bindings);
        setStatus(`${data.results.bindings.length} rows (${ms} ms)`);
      }
      renderDownloads(SOLUTION_FORMATS);
    } else {
      const rows = parseNTriples(text);
      renderTable(["subject", "predicate", "object"], rows);
      setStatus(`${rows.length} triples (${ms} ms)`);
      renderDownloads(GRAPH_FORMATS);
    }
  } catch (e) {
    setStatus("request failed: " + e, true);
  } finally {
    button.disabled = false;
  }
}

// ---- collaboration network -------------------------------------------------------------

const PALETTE = ["#2b6cb0", "#dd6b20", "#38a169", "#805ad5", "#d53f8c", "#319795", "#b7791f", "#718096"];

function localName(t) {
  const s = String(t || "other");
  const i = Math.max(s.lastIndexOf("#"), s.lastIndexOf("/"));
  return i >= 0 ? s.slice(i + 1) : s;
}

/// Normalises the provider's JSON (or the fallback) into {nodes, edges}.
function normalise(data) {
  const nodes = (data.nodes || []).map((n) => ({
    id: String(n.id ?? n.iri ?? n.name),
    label: String(n.label ?? n.name ?? localName(n.id)),
    type: localName(n.type ?? n.kind ?? "other"),
    score: Number(n.centrality ?? n.score ?? n.degree ?? NaN),
  }));
  const ids = new Set(nodes.map((n) => n.id));
  const edges = (data.edges || data.links || [])
    .map((e) => ({ source: String(e.source), target: String(e.target), weight: Number(e.weight ?? 1) || 1 }))
    .filter((e) => ids.has(e.source) && ids.has(e.target) && e.source !== e.target);
  // Missing centrality: weighted degree.
  if (nodes.some((n) => Number.isNaN(n.score))) {
    const deg = new Map();
    for (const e of edges) {
      deg.set(e.source, (deg.get(e.source) || 0) + e.weight);
      deg.set(e.target, (deg.get(e.target) || 0) + e.weight);
    }
    for (const n of nodes) if (Number.isNaN(n.score)) n.score = deg.get(n.id) || 0;
  }
  return { nodes, edges };
}

/// Fallback without a network provider: the collaboration-edges canned query.
async function networkFromQuery() {
  if (!canned.some((q) => q.name === "collaboration-edges")) return null;
  const resp = await fetch("/queries/collaboration-edges", { headers: { Accept: "application/sparql-results+json" } });
  if (!resp.ok) return null;
  const data = await resp.json();
  const nodes = new Map();
  const edges = [];
  for (const b of data.results.bindings) {
    for (const [k, n] of [["a", "a_name"], ["b", "b_name"]]) {
      if (b[k] && !nodes.has(b[k].value)) nodes.set(b[k].value, { id: b[k].value, label: b[n] ? b[n].value : b[k].value });
    }
    if (b.a && b.b) edges.push({ source: b.a.value, target: b.b.value, weight: b.weight ? Number(b.weight.value) : 1 });
  }
  return { nodes: [...nodes.values()], edges };
}

/// A few hundred steps of a plain force layout (repulsion, springs, gravity), synchronous
/// so that the drawing is complete when the page settles.
function layout(nodes, edges, width, height) {
  const n = nodes.length;
  const index = new Map(nodes.map((d, i) => [d.id, i]));
  nodes.forEach((d, i) => {
    const a = (2 * Math.PI * i) / Math.max(n, 1);
    d.x = width / 2 + (width / 3) * Math.cos(a);
    d.y = height / 2 + (height / 3) * Math.sin(a);
  });
  const k = Math.sqrt((width * height) / Math.max(n, 1)) * 0.6;
  const steps = n > 400 ? 80 : 300;
  let temp = width / 8;
  for (let step = 0; step < steps; step++) {
    const dx = new Float64Array(n), dy = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        let x = nodes[i].x - nodes[j].x, y = nodes[i].y - nodes[j].y;
        let d2 = x * x + y * y;
        if (d2 < 0.01) { x = Math.random() - 0.5; y = Math.random() - 0.5; d2 = 0.5; }
        const f = (k * k) / d2;
        dx[i] += x * f; dy[i] += y * f; dx[j] -= x * f; dy[j] -= y * f;
      }
    }
    for (const e of edges) {
      const i = index.get(e.source), j = index.get(e.target);
      const x = nodes[i].x - nodes[j].x, y = nodes[i].y - nodes[j].y;
      const d = Math.sqrt(x * x + y * y) || 0.01;
      const f = (d / k) * Math.min(1 + Math.log(e.weight), 3);
      dx[i] -= x * f; dy[i] -= y * f; dx[j] += x * f; dy[j] += y * f;
    }
    for (let i = 0; i < n; i++) {
      dx[i] += (width / 2 - nodes[i].x) * 0.02;
      dy[i] += (height / 2 - nodes[i].y) * 0.02;
      const len = Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]) || 1;
      const m = Math.min(len, temp);
      nodes[i].x = Math.min(width - 12, Math.max(12, nodes[i].x + (dx[i] / len) * m));
      nodes[i].y = Math.min(height - 12, Math.max(12, nodes[i].y + (dy[i] / len) * m));
    }
    temp = Math.max(temp * 0.985, 0.5);
  }
}

function svgEl(name, attrs) {
  const el = document.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

function drawNetwork(net) {
  const width = 800, height = 460;
  const { nodes, edges } = net;
  layout(nodes, edges, width, height);
  const index = new Map(nodes.map((d) => [d.id, d]));
  const types = [...new Set(nodes.map((d) => d.type))].sort();
  const colour = new Map(types.map((t, i) => [t, PALETTE[i % PALETTE.length]]));
  const max = Math.max(...nodes.map((d) => d.score), 0) || 1;
  const svg = svgEl("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": "collaboration network" });
  const gEdges = svgEl("g", { class: "edges" });
  for (const e of edges) {
    const a = index.get(e.source), b = index.get(e.target);
    gEdges.append(svgEl("line", { x1: a.x.toFixed(1), y1: a.y.toFixed(1), x2: b.x.toFixed(1), y2: b.y.toFixed(1), "stroke-width": Math.min(1 + Math.log(e.weight), 5).toFixed(2) }));
  }
  const gNodes = svgEl("g", { class: "nodes" });
  const ranked = [...nodes].sort((a, b) => b.score - a.score);
  const labelled = new Set(ranked.slice(0, 25).map((d) => d.id));
  for (const d of nodes) {
    const r = 4 + 14 * Math.sqrt(d.score / max);
    const c = svgEl("circle", { class: "node", cx: d.x.toFixed(1), cy: d.y.toFixed(1), r: r.toFixed(1), fill: colour.get(d.type), "data-id": d.id });
    const title = svgEl("title", {});
    title.textContent = `${d.label} (${d.type}, ${Number(d.score.toFixed(3))})`;
    c.append(title);
    gNodes.append(c);
    if (labelled.has(d.id)) {
      const t = svgEl("text", { x: (d.x + r + 2).toFixed(1), y: (d.y + 3).toFixed(1) });
      t.textContent = d.label;
      gNodes.append(t);
    }
  }
  svg.append(gEdges, gNodes);
  $("network").textContent = "";
  $("network").append(svg);
  const legend = $("legend");
  legend.textContent = "";
  for (const t of types) {
    const s = document.createElement("span");
    const i = document.createElement("i");
    i.style.background = colour.get(t);
    s.append(i, document.createTextNode(t));
    legend.append(s);
  }
  $("network-status").textContent = `${nodes.length} actors, ${edges.length} links; node size = centrality, colour = type`;
}

async function loadNetwork() {
  try {
    let net = null;
    const resp = await fetch("/network/graph", { headers: { Accept: "application/json" } });
    if (resp.ok) net = normalise(await resp.json());
    else if (resp.status === 404) {
      const raw = await networkFromQuery();
      if (raw) net = normalise(raw);
    }
    if (!net || net.nodes.length === 0) {
      $("network-status").textContent = "no collaboration network in this store";
      return;
    }
    drawNetwork(net);
  } catch (e) {
    $("network-status").textContent = "network unavailable: " + e;
  }
}

async function init() {
  $("run").addEventListener("click", run);
  $("picker").addEventListener("change", () => pick($("picker").value));
  $("query").addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) run();
  });
  try {
    const h = await fetch("/health");
    if (h.ok) $("store-name").textContent = (await h.json()).store || "";
  } catch (_) { /* the page still works without it */ }
  try {
    const resp = await fetch("/queries");
    canned = resp.ok ? await resp.json() : [];
  } catch (_) {
    canned = [];
  }
  for (const q of canned) {
    const o = document.createElement("option");
    o.value = q.name;
    o.textContent = q.name;
    o.title = q.description;
    $("picker").append(o);
  }
  const url = new URLSearchParams(location.search);
  const networkDone = loadNetwork();
  if (url.has("query")) $("query").value = url.get("query");
  const auto = url.get("autorun");
  if (auto !== null) {
    if (canned.some((q) => q.name === auto)) {
      pick(auto);
      for (const [k, v] of url) {
        const input = document.querySelector(`#params input[data-param="${CSS.escape(k)}"]`);
        if (input) input.value = v;
      }
    }
    await run();
  }
  await networkDone;
  document.body.dataset.ready = "true";
}

init();
