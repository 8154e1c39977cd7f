// regiond operator page: access matrix, refresh status, region health and the live change log.
// Plain DOM, no framework; served under a strict CSP (no inline script or style), so every
// style is a class and every URL is relative (the page may sit behind a path prefix).
// Data: v1/status, v1/regions, v1/profiles?source_region=R, v1/access/audit?source_region=R&lifecycle=…
// (every route with per-destination access in one list), v1/health, v1/refresh, and
// v1/changes?since=N&wait=S (long poll) to re-fetch only what a change affects.
"use strict";

const WAIT_SECONDS = 55;          // long-poll wait; regiond allows up to 300
const REFRESH_POLL_MS = 15000;    // staleness moves with time, not with the change log
const HEALTH_POLL_MS = 30000;     // figures move with samples; only state transitions are logged
const ROW_FETCH_LIMIT = 8;        // more affected rows than this: re-read the whole audit instead
const CHANGES_KEPT = 50;

// ---------------------------------------------------------------- helpers

const $ = (sel) => document.querySelector(sel);
const enc = encodeURIComponent;

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else node.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children) if (c !== null && c !== undefined) node.append(c);
  return node;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function fmtTime(iso) {
  if (!iso) return "never";
  const d = new Date(iso);
  return isNaN(d) ? iso : d.toISOString().replace("T", " ").slice(0, 19) + " UTC";
}

function fmtDuration(seconds) {
  const s = Math.max(0, Math.round(seconds));
  if (s < 120) return s + " s";
  if (s < 7200) return Math.round(s / 60) + " min";
  if (s < 172800) return Math.round(s / 3600) + " h";
  return Math.round(s / 86400) + " days";
}

const ago = (iso) => (iso ? fmtDuration((Date.now() - new Date(iso)) / 1000) + " ago" : "never");
const pct = (x) => (typeof x === "number" ? (x * 100).toFixed(1) + " %" : "–");
const ms = (x) => (typeof x !== "number" ? "–" : x >= 1000 ? (x / 1000).toFixed(1) + " s" : Math.round(x) + " ms");

class HttpError extends Error {
  constructor(status, message, retryAfter) {
    super(message);
    this.status = status;
    this.retryAfter = retryAfter;
  }
}

async function getJSON(url, opts = {}) {
  const res = await fetch(url, { cache: opts.cache || "no-cache", headers: { Accept: "application/json" }, signal: opts.signal });
  if (!res.ok) {
    let msg = res.status + " " + res.statusText;
    try {
      const b = await res.json();
      if (b && b.error) msg = b.error.code + ": " + b.error.message;
    } catch (_) { /* not JSON */ }
    throw new HttpError(res.status, url.split("?")[0] + ": " + msg, Number(res.headers.get("Retry-After")) || 0);
  }
  return { body: await res.json(), index: Number(res.headers.get("X-Regiond-Index")) || 0 };
}

// Every page of a list endpoint; `key` names the array in each page.
async function getAll(url, key) {
  let after = null, items = [], index = 0;
  do {
    const { body, index: hdr } = await getJSON(url + (after ? "&after=" + enc(after) : ""));
    items = items.concat(body[key] || []);
    index = Math.max(index, body.index || hdr);
    after = body.next;
  } while (after);
  return { items, index };
}

// Run `fn` over `items` with at most `limit` in flight.
async function pool(items, limit, fn) {
  const queue = items.slice();
  const worker = async () => { while (queue.length) await fn(queue.shift()); };
  await Promise.all(Array.from({ length: Math.min(limit, queue.length) }, worker));
}

// ---------------------------------------------------------------- state

const S = {
  source: "us-east-1",
  filters: { geo: "", model: "", type: "", q: "" },
  regions: new Map(),     // code -> region
  profiles: [],           // profiles with a route from S.source
  access: new Map(),      // profile id -> { ra: RouteAccess, index }
  matrixGen: 0,
  matrixError: null,
  health: new Map(),      // region -> HealthEntry
  healthModels: new Map(),// "region/model" -> HealthEntry
  refresh: null,
  status: null,
  changes: [],            // newest first
  since: 0,
  tabStop: { profile: null, region: null },
};

const pending = { matrix: false, rows: new Set(), health: false, refresh: false, regions: false };

// ---------------------------------------------------------------- URL hash

function readHash() {
  const h = new URLSearchParams(location.hash.replace(/^#/, ""));
  const source = h.get("source") || "us-east-1";
  const changed = source !== S.source;
  S.source = source;
  for (const k of Object.keys(S.filters)) S.filters[k] = h.get(k) || "";
  return changed;
}

function writeHash() {
  const h = new URLSearchParams({ source: S.source });
  for (const [k, v] of Object.entries(S.filters)) if (v) h.set(k, v);
  history.replaceState(null, "", "#" + h.toString());
}

// ---------------------------------------------------------------- loaders

const routeOf = (p, source) => (p.routes || []).find((r) => r.source_region === source);

async function loadStatus() {
  const { body } = await getJSON("v1/status");
  S.status = body;
  const st = body;
  $("#daemon-info").textContent = `version ${st.version} · source ${st.source} · ${st.profiles} profiles · ${st.regions} regions`;
  return st;
}

async function loadRegions() {
  const { items } = await getAll("v1/regions?limit=1000", "regions");
  S.regions = new Map(items.map((r) => [r.code, r]));
  renderSourceSelect();
}

async function loadAudit(source) {
  // `lifecycle=` with every status lists every route, complete or not, each with per-destination
  // access: the whole matrix in one list. Models without a known lifecycle are absent from it and
  // are asked for one by one (normally none).
  try {
    return await getAll(`v1/access/audit?source_region=${enc(source)}&lifecycle=active,legacy,eol&limit=1000`, "incomplete");
  } catch (e) {
    if (!(e instanceof HttpError) || e.status !== 400) throw e;
    return getAll(`v1/access/audit?source_region=${enc(source)}&limit=1000`, "incomplete");
  }
}

async function loadMatrix() {
  const source = S.source, gen = ++S.matrixGen;
  try {
    const [profiles, audit] = await Promise.all([
      getAll(`v1/profiles?source_region=${enc(source)}&limit=1000`, "profiles"),
      loadAudit(source),
    ]);
    if (gen !== S.matrixGen) return;
    const access = new Map();
    for (const ra of audit.items) {
      if (ra.source_region !== source) continue;
      const old = S.access.get(ra.profile_id);
      access.set(ra.profile_id, old && old.source === source && old.index > audit.index ? old : { ra, index: audit.index, source });
    }
    S.profiles = profiles.items.filter((p) => routeOf(p, source));
    S.access = access;
    S.matrixError = null;
    renderFilters();
    renderMatrix();
    const missing = S.profiles.filter((p) => !access.has(p.id)).map((p) => p.id);
    if (missing.length) await loadRows(missing);
  } catch (e) {
    if (gen === S.matrixGen) showMatrixError(e);
  }
}

async function loadRows(ids) {
  const source = S.source;
  let failure = null;
  await pool(ids, 4, async (id) => {
    try {
      const { body, index } = await getJSON(`v1/profiles/${enc(id)}/access?source_region=${enc(source)}`);
      const old = S.access.get(id);
      if (S.source === source && (!old || old.index <= index)) S.access.set(id, { ra: body, index, source });
    } catch (e) {
      if (!(e instanceof HttpError && e.status === 404)) failure = e;  // 404: removed meanwhile
    }
  });
  if (S.source !== source) return;
  if (failure) showMatrixError(failure); else S.matrixError = null;
  renderMatrix();
}

async function loadHealth() {
  const { body } = await getJSON("v1/health?window=5m");
  S.health = new Map(body.regions.map((e) => [e.region, e]));
  S.healthModels = new Map(body.models.map((e) => [e.region + "/" + e.model_id, e]));
  renderMatrix();   // cells show health; renders the health table too
}

async function loadRefresh() {
  const { body } = await getJSON("v1/refresh");
  S.refresh = body;
  renderRefresh();
}

async function loadRecentChanges() {
  const from = Math.max(0, S.since - CHANGES_KEPT);
  const { body } = await getJSON(`v1/changes?since=${from}&limit=${CHANGES_KEPT}`, { cache: "no-store" });
  addChanges(body.changes);
}

function showMatrixError(e) {
  S.matrixError = String(e.message || e);
  const p = $("#matrix-error");
  p.textContent = "Could not load the access matrix: " + S.matrixError;
  p.hidden = false;
}

// ---------------------------------------------------------------- change log

function parseKey(key) {
  // Grants are logged as region/model/origin ({region}|{model} in older texts); routes as profile@source.
  const parts = key.split(/[|/]/);
  if (parts.length > 2 && (parts[parts.length - 1] === "manual" || parts[parts.length - 1] === "aws")) parts.pop();
  return { region: parts[0], rest: parts.slice(1).join("/") };
}

function noteChanges(changes) {
  for (const c of changes) {
    switch (c.kind) {
      case "grant": {
        const { rest: model } = parseKey(c.key);
        for (const p of S.profiles) if (p.model_id === model) pending.rows.add(p.id);
        break;
      }
      case "health":
        pending.health = true;
        break;
      case "route": {
        const at = Math.max(c.key.lastIndexOf("@"), c.key.lastIndexOf("|"));
        if (at < 0 || c.key.slice(at + 1) === S.source) pending.matrix = true;
        pending.refresh = true;
        break;
      }
      case "region":
        pending.regions = true;
        pending.matrix = true;
        break;
      default:  // profile, model, lifecycle
        pending.matrix = true;
        pending.refresh = true;
    }
  }
  if (pending.rows.size > ROW_FETCH_LIMIT) pending.matrix = true;
  kick();
}

let working = false;
async function kick() {
  if (working) return;
  working = true;
  try {
    for (;;) {
      const job = { ...pending, rows: [...pending.rows] };
      if (!job.matrix && !job.rows.length && !job.health && !job.refresh && !job.regions) break;
      Object.assign(pending, { matrix: false, rows: new Set(), health: false, refresh: false, regions: false });
      const work = [];
      if (job.regions) work.push(loadRegions());
      if (job.matrix) work.push(loadMatrix());
      else if (job.rows.length) work.push(loadRows(job.rows));
      if (job.health) work.push(loadHealth());
      if (job.refresh) work.push(loadRefresh().then(loadStatus));
      const results = await Promise.allSettled(work);
      for (const r of results) if (r.status === "rejected") setLive("error", "Update failed: " + r.reason.message);
    }
  } finally {
    working = false;
  }
}

function addChanges(changes) {
  const seen = new Set(S.changes.map((c) => c.index));
  const fresh = changes.filter((c) => !seen.has(c.index));
  if (!fresh.length) return;
  S.changes = fresh.reverse().concat(S.changes).sort((a, b) => b.index - a.index).slice(0, CHANGES_KEPT);
  renderChanges();
}

function setLive(kind, text) {
  const p = $("#live-status");
  p.className = "live live-" + kind;
  p.textContent = text;
}

// One long poll in flight; resumes from the last index; exponential backoff with jitter on errors.
async function watch() {
  let backoff = 0;
  for (;;) {
    if (!backoff) setLive("ok", "● Live: following the change log from index " + S.since);
    const ctl = new AbortController();
    const timer = setTimeout(() => ctl.abort(), (WAIT_SECONDS + 20) * 1000);
    try {
      const { body } = await getJSON(`v1/changes?since=${S.since}&wait=${WAIT_SECONDS}&limit=500`, { signal: ctl.signal, cache: "no-store" });
      backoff = 0;
      if (body.index < S.since) {            // the log went back (a new database): start over
        S.since = body.index;
        Object.assign(pending, { matrix: true, health: true, refresh: true, regions: true });
        kick();
        continue;
      }
      if (body.changes.length) {
        addChanges(body.changes);
        noteChanges(body.changes);
      }
      S.since = body.more && body.changes.length ? body.changes[body.changes.length - 1].index : body.index;
    } catch (e) {
      backoff = Math.min(30000, backoff ? backoff * 2 : 1000);
      const wait = e.retryAfter ? e.retryAfter * 1000 : backoff / 2 + Math.random() * (backoff / 2);
      setLive("error", `○ Not live (${e.name === "AbortError" ? "timed out" : e.message}); retrying in ${Math.ceil(wait / 1000)} s`);
      await sleep(wait);
    } finally {
      clearTimeout(timer);
    }
  }
}

// ---------------------------------------------------------------- labels

const SYMBOL = { granted: "✓", denied: "✗", unknown: "?" };
const STATE_TEXT = {
  not_subscribed: "not subscribed", agreement_pending: "agreement pending", not_authorized: "not authorized",
  not_entitled: "not entitled", not_offered: "not offered", region_not_enabled: "region not enabled",
  unreadable: "unreadable", unrecognized: "unrecognized",
};
const HEALTH_TEXT = { healthy: "● healthy", degraded: "◐ degraded", unhealthy: "⚠ unhealthy", unknown: "○ unknown" };
const HEALTH_ORDER = { unhealthy: 0, degraded: 1, healthy: 2, unknown: 3 };

// "✓ granted", "✗ not offered", "? region not enabled": the status, or the state where it says more.
function grantLabel(d) {
  const word = (d.state && STATE_TEXT[d.state]) || (d.state && d.state !== "available" && d.state !== "manual" ? d.state.replace(/_/g, " ") : d.status);
  return (SYMBOL[d.status] || "?") + " " + word;
}

function grantWhy(d) {
  let s = `${d.status}${d.state ? " (" + d.state.replace(/_/g, " ") + ")" : ""}: ${d.reason}`;
  if (d.origin) s += `; origin ${d.origin}`;
  if (d.note) s += `; note: ${d.note}`;
  if (d.checked_at) s += `; checked ${fmtTime(d.checked_at)}`;
  const gates = d.gates ? Object.entries(d.gates).filter(([, g]) => g.state === "fail") : [];
  for (const [name, g] of gates) s += `; ${name} gate fails: ${g.reason}`;
  return s;
}

function healthWhy(region, model) {
  const e = S.health.get(region), m = model && S.healthModels.get(region + "/" + model);
  if (!e) return `Health of ${region}: no samples in the last 5 minutes.`;
  let s = `Health of ${region}: ${e.state} (${e.reason}); error rate ${pct(e.stats.error_rate)}, throttle rate ${pct(e.stats.throttle_rate)}, p95 ${ms(e.stats.p95_ms)}, ${e.stats.count} samples.`;
  if (m) s += ` This model there: ${m.state} (${m.reason}).`;
  return s;
}

function lifecycleCell(lc) {
  if (!lc) return { text: "– unknown", sub: "", cls: "lc-unknown", title: "No lifecycle is known for this model." };
  const dates = [["legacy", lc.legacy_at], ["extended access", lc.public_extended_access_at], ["end of life", lc.end_of_life_at]]
    .filter(([, v]) => v).map(([k, v]) => `${k} ${v}`).join(", ");
  const title = `${lc.status}${dates ? ": " + dates : ""}${lc.recommended_replacement ? "; replacement: " + lc.recommended_replacement : ""}`;
  const days = lc.days_to_end_of_life;
  if (lc.status === "EOL") return { text: "⊘ end of life", sub: lc.end_of_life_at ? "since " + lc.end_of_life_at : "", cls: "lc-eol", title };
  const eol = lc.end_of_life_at ? `EOL ${lc.end_of_life_at}${days !== null ? ` (in ${days} d)` : ""}` : "";
  if (lc.status === "LEGACY") return { text: "◷ legacy", sub: eol, cls: "lc-legacy", title };
  if (days !== null && days <= 90) return { text: "◷ active", sub: eol, cls: "lc-legacy", title };
  return { text: "active", sub: "", cls: "lc-active", title };
}

// ---------------------------------------------------------------- render: source select and filters

function renderSourceSelect() {
  const sel = $("#source-region");
  const byGeo = new Map();
  for (const r of S.regions.values()) {
    if (!r.bedrock_endpoint || r.removed_at) continue;
    if (!byGeo.has(r.geography)) byGeo.set(r.geography, []);
    byGeo.get(r.geography).push(r);
  }
  sel.replaceChildren();
  if (![...S.regions.values()].some((r) => r.code === S.source && r.bedrock_endpoint)) {
    sel.append(el("option", { value: S.source, text: S.source }));
  }
  for (const geo of [...byGeo.keys()].sort()) {
    const group = el("optgroup", { label: geo });
    for (const r of byGeo.get(geo).sort((a, b) => a.code.localeCompare(b.code))) {
      group.append(el("option", { value: r.code, text: `${r.code} · ${r.name}` }));
    }
    sel.append(group);
  }
  sel.value = S.source;
}

function fillSelect(sel, values, current, label = (v) => v) {
  sel.replaceChildren(el("option", { value: "", text: "All" }));
  const all = new Set(values);
  if (current) all.add(current);
  for (const v of [...all].sort()) sel.append(el("option", { value: v, text: label(v) }));
  sel.value = current;
}

function renderFilters() {
  fillSelect($("#filter-geo"), S.profiles.map((p) => p.geo), S.filters.geo);
  fillSelect($("#filter-model"), S.profiles.map((p) => p.model_id), S.filters.model);
  $("#filter-type").value = S.filters.type;
  $("#filter-text").value = S.filters.q;
}

function bindMatrixUI() {
  $("#source-region").addEventListener("change", (e) => {
    S.source = e.target.value;
    S.filters.geo = S.filters.model = "";
    S.profiles = [];
    S.access = new Map();
    writeHash();
    renderMatrix();
    loadMatrix();
  });
  const onFilter = (key) => (e) => { S.filters[key] = e.target.value.trim(); writeHash(); renderMatrix(); };
  $("#filter-geo").addEventListener("change", onFilter("geo"));
  $("#filter-model").addEventListener("change", onFilter("model"));
  $("#filter-type").addEventListener("change", onFilter("type"));
  $("#filter-text").addEventListener("input", onFilter("q"));
  window.addEventListener("hashchange", () => {
    const sourceChanged = readHash();
    renderSourceSelect();
    renderFilters();
    renderMatrix();
    if (sourceChanged) { S.profiles = []; S.access = new Map(); loadMatrix(); }
  });
  const tbody = $("#matrix tbody");
  tbody.addEventListener("keydown", onMatrixKey);
  const show = (e) => {
    const cell = e.target.closest && e.target.closest("td.cell");
    if (cell) { $("#cell-detail").textContent = cell.title; $("#cell-detail").classList.add("active"); }
  };
  tbody.addEventListener("focusin", (e) => {
    show(e);
    const cell = e.target.closest("td.cell");
    if (cell) setTabStop(cell);
  });
  tbody.addEventListener("mouseover", show);
}

// ---------------------------------------------------------------- render: matrix

function matrixRows() {
  const source = S.source;
  return S.profiles.map((p) => {
    const route = routeOf(p, source);
    const entry = S.access.get(p.id);
    const ra = entry && entry.source === source ? entry.ra : null;
    return { p, route, ra, complete: ra ? ra.complete : null };
  });
}

function rowVisible(row) {
  const f = S.filters, p = row.p;
  if (f.geo && p.geo !== f.geo) return false;
  if (f.model && p.model_id !== f.model) return false;
  if (f.type && p.type !== f.type) return false;
  if (f.q) {
    const q = f.q.toLowerCase();
    if (![p.id, p.name || "", p.model_id].some((s) => s.toLowerCase().includes(q))) return false;
  }
  return true;
}

// Incomplete first (unknown-yet next), then by geography and id.
function rowOrder(a, b) {
  const rank = (r) => (r.complete === false ? 0 : r.complete === null ? 1 : 2);
  return rank(a) - rank(b) || a.p.geo.localeCompare(b.p.geo) || a.p.id.localeCompare(b.p.id);
}

function matrixColumns(rows) {
  const set = new Set();
  for (const r of rows) if (r.route.destination_scope !== "commercial") r.route.destination_regions.forEach((x) => set.add(x));
  set.delete(S.source);
  const commercial = rows.some((r) => r.route.destination_scope === "commercial");
  return { regions: [S.source, ...[...set].sort()], commercial };
}

function renderIncompleteSummary(rows) {
  const byGeo = new Map();
  let incomplete = 0;
  for (const r of rows) {
    if (!byGeo.has(r.p.geo)) byGeo.set(r.p.geo, 0);
    if (r.complete === false) { incomplete++; byGeo.set(r.p.geo, byGeo.get(r.p.geo) + 1); }
  }
  const p = $("#incomplete-summary");
  p.replaceChildren();
  if (!rows.length) return;
  p.append(el("strong", { text: `${incomplete} of ${rows.length} routes from ${S.source} are incomplete` }), " — by geography: ");
  [...byGeo.keys()].sort().forEach((g, i) => {
    if (i) p.append(" · ");
    p.append(el("span", { class: "geo-count", "data-geo": g, text: `${g}: ${byGeo.get(g)}` }));
  });
}

function renderMatrix() {
  const table = $("#matrix");
  const all = matrixRows();
  const rows = all.filter(rowVisible).sort(rowOrder);
  const cols = matrixColumns(all);
  const focused = document.activeElement && document.activeElement.closest && document.activeElement.closest("#matrix td.cell");
  const refocus = focused ? { profile: focused.parentElement.dataset.profile, region: focused.dataset.region } : null;

  $("#matrix-error").hidden = !S.matrixError;
  renderIncompleteSummary(all);
  table.querySelector("caption").textContent = all.length
    ? `Model access from ${S.source}: ${rows.length} of ${all.length} profiles shown, incomplete first. Each cell: grant state, then the destination region's health.`
    : `Model access from ${S.source}: loading…`;

  const head = el("tr", {},
    el("th", { scope: "col", class: "rowhead", text: "Profile" }),
    el("th", { scope: "col", text: "Access" }));
  for (const code of cols.regions) {
    const r = S.regions.get(code);
    head.append(el("th", { scope: "col", class: "region-col", "data-region": code, title: r ? r.name : code },
      el("span", { class: "code", text: code }), el("span", { class: "sub", text: code === S.source ? "source" : r ? r.name : "" })));
  }
  if (cols.commercial) head.append(el("th", { scope: "col", class: "region-col", text: "Other commercial regions" }));
  head.append(el("th", { scope: "col", text: "Lifecycle" }), el("th", { scope: "col", text: "Residency" }));
  table.tHead.replaceChildren(head);

  const body = document.createDocumentFragment();
  for (const row of rows) body.append(matrixRow(row, cols));
  if (!rows.length) {
    const span = 4 + cols.regions.length + (cols.commercial ? 1 : 0);
    body.append(el("tr", {}, el("td", { colspan: span, class: "empty", text: all.length ? "No profile matches the filters." : "Loading…" })));
  }
  table.tBodies[0].replaceChildren(body);
  placeTabStop(refocus);
  renderHealth();
}

function matrixRow(row, cols) {
  const { p, route, ra } = row;
  const residency = (ra && ra.residency) || route.residency || { resident: true, outside: [] };
  const tr = el("tr", {
    "data-profile": p.id, "data-geo": p.geo, "data-type": p.type,
    "data-complete": row.complete === null ? "" : String(row.complete),
    "data-resident": String(residency.resident),
    class: row.complete === false ? "incomplete" : null,
  });
  tr.append(el("th", { scope: "row", class: "rowhead" },
    el("span", { class: "pid", text: p.id }),
    el("span", { class: "sub", text: [p.name, p.type === "APPLICATION" ? "application" : null].filter(Boolean).join(" · ") })));

  if (!ra) tr.append(el("td", { class: "route-state", text: "… loading" }));
  else if (ra.complete) tr.append(el("td", { class: "route-state ok", text: "✓ complete" }));
  else {
    const denied = ra.destinations.filter((d) => d.status === "denied").length;
    const unknown = ra.destinations.filter((d) => d.status === "unknown").length;
    tr.append(el("td", { class: "route-state bad", title: "Not granted in: " + ra.missing.join(", ") },
      el("span", { text: "✗ incomplete" }),
      el("span", { class: "sub", text: [denied && `${denied} denied`, unknown && `${unknown} unknown`].filter(Boolean).join(" · ") })));
  }

  const dests = new Set(route.destination_regions);
  const commercial = route.destination_scope === "commercial";
  const judged = ra ? (commercial ? ra.destinations.find((d) => d.region === S.source) || ra.destinations[0] : null) : null;
  for (const code of cols.regions) {
    if (!dests.has(code)) { tr.append(offCell(code, p, "not a destination of this route")); continue; }
    const d = !ra ? null : commercial ? judged : ra.destinations.find((x) => x.region === code);
    tr.append(accessCell(code, p, d, commercial && code !== S.source));
  }
  if (cols.commercial) {
    if (!commercial) tr.append(offCell("commercial", p, "not a global profile"));
    else {
      const others = route.destination_regions.filter((x) => !cols.regions.includes(x));
      tr.append(accessCell("commercial", p, judged, true, others));
    }
  }
  const lc = lifecycleCell((ra && ra.lifecycle) || p.lifecycle);
  tr.append(el("td", { class: "lifecycle " + lc.cls, title: lc.title, "data-lifecycle": ((ra && ra.lifecycle) || p.lifecycle || {}).status || "" },
    el("span", { text: lc.text }), lc.sub ? el("span", { class: "sub", text: lc.sub }) : null));

  if (residency.resident) tr.append(el("td", { class: "residency ok", text: "✓ inside", title: "Stays inside the residency guard (or none is configured)." }));
  else {
    const out = residency.outside;
    tr.append(el("td", { class: "residency bad", title: "May run outside the residency guard in: " + out.join(", ") },
      el("span", { text: "⚠ leaves" }),
      el("span", { class: "sub", text: "→ " + (out.length > 2 ? `${out[0]} +${out.length - 1} more` : out.join(", ")) })));
  }

  return tr;
}

function offCell(code, p, why) {
  return el("td", { class: "cell off", "data-region": code, "data-state": "none", tabindex: "-1", title: `${p.id} from ${S.source} → ${code}: ${why}.` },
    el("span", { "aria-hidden": "true", text: "–" }), el("span", { class: "vh", text: why }));
}

function accessCell(code, p, d, via, others) {
  const where = others ? `${others.length} other commercial regions` : code;
  if (!d) {
    return el("td", { class: "cell s-loading", "data-region": code, "data-state": "loading", tabindex: "-1", title: `${p.id} → ${where}: loading…` },
      el("span", { class: "g", text: "… loading" }));
  }
  const h = others ? null : S.health.get(code);
  const hs = h ? h.state : "none";
  let title = `${p.id} from ${S.source} → ${where}: `;
  if (via) title += `global profile: Bedrock may serve the request in any commercial region and access is judged by the ${d.region} grant: `;
  title += grantWhy(d) + ". " + (others ? "Regions: " + others.join(", ") + "." : healthWhy(code, p.model_id));
  return el("td", {
    class: `cell s-${d.status}`, "data-region": code, "data-state": d.status, "data-grant-state": d.state || "",
    "data-health": others ? null : hs, "data-via": via ? d.region : null, tabindex: "-1", title,
  },
  el("span", { class: "g", text: grantLabel(d) }),
  via ? el("span", { class: "via", text: others ? `↪ +${others.length} via ${d.region}` : `↪ via ${d.region}` }) : null,
  others ? null : el("span", { class: "h h-" + hs, text: h ? HEALTH_TEXT[h.state] || h.state : "○ no data" }));
}

// ---------------------------------------------------------------- matrix keyboard (roving tabindex)

function setTabStop(cell) {
  const old = $("#matrix td.cell[tabindex='0']");
  if (old && old !== cell) old.tabIndex = -1;
  cell.tabIndex = 0;
  S.tabStop = { profile: cell.parentElement.dataset.profile, region: cell.dataset.region };
}

function placeTabStop(refocus) {
  const want = refocus || S.tabStop;
  let cell = null;
  if (want.profile) {
    const tr = [...document.querySelectorAll("#matrix tbody tr")].find((r) => r.dataset.profile === want.profile);
    cell = tr && [...tr.querySelectorAll("td.cell")].find((c) => c.dataset.region === want.region);
  }
  cell = cell || $("#matrix tbody td.cell");
  if (!cell) return;
  cell.tabIndex = 0;
  if (refocus) cell.focus();
}

function onMatrixKey(e) {
  const cell = e.target.closest("td.cell");
  if (!cell) return;
  const rows = [...document.querySelectorAll("#matrix tbody tr")];
  const r = rows.indexOf(cell.parentElement);
  const cells = [...cell.parentElement.querySelectorAll("td.cell")];
  const c = cells.indexOf(cell);
  const at = (ri, ci) => { const list = rows[ri] && rows[ri].querySelectorAll("td.cell"); return list && list[Math.min(ci, list.length - 1)]; };
  const moves = {
    ArrowRight: () => cells[c + 1], ArrowLeft: () => cells[c - 1],
    ArrowDown: () => at(r + 1, c), ArrowUp: () => at(r - 1, c),
    Home: () => (e.ctrlKey ? at(0, 0) : cells[0]), End: () => (e.ctrlKey ? at(rows.length - 1, cells.length - 1) : cells[cells.length - 1]),
  };
  const next = moves[e.key] && moves[e.key]();
  if (!moves[e.key]) return;
  e.preventDefault();
  if (next) { setTabStop(next); next.focus(); }
}

// ---------------------------------------------------------------- render: refresh, health, changes

function renderRefresh() {
  const r = S.refresh;
  if (!r) return;
  const last = r.runs[0];
  const facts = [
    ["Source", r.source],
    ["Last success", r.last_success_at ? `${fmtTime(r.last_success_at)} (${ago(r.last_success_at)})` : "none yet"],
    ["Last run", last ? `${last.outcome} (${last.trigger}), ${fmtTime(last.finished_at || last.started_at)}${last.error ? ": " + last.error : ""}` : "none"],
    ["Schedule", `every ${fmtDuration(r.interval_seconds)}; stale after ${fmtDuration(r.stale_after_seconds)}${r.running ? "; running now" : ""}`],
  ];
  $("#refresh-summary").replaceChildren(...facts.flatMap(([k, v]) => [el("dt", { text: k }), el("dd", { text: v, class: k === "Last run" && last && last.outcome !== "succeeded" ? "bad" : null })]));

  const failing = r.regions.filter((x) => x.last_error || x.stale || x.consecutive_failures > 0);
  const box = $("#failing-regions");
  if (!failing.length) {
    box.replaceChildren(el("p", { class: "muted", text: r.regions.length ? "No failing regions." : "No per-region reads (a catalog source reads no regions)." }));
  } else {
    const tbody = el("tbody");
    for (const x of failing) {
      tbody.append(el("tr", { "data-region": x.region },
        el("th", { scope: "row", text: x.region }), el("td", { text: x.part }),
        el("td", { class: "err", text: x.last_error || (x.stale ? "stale" : "–") }),
        el("td", { class: "num", text: String(x.consecutive_failures) }),
        el("td", { text: x.last_success_at ? ago(x.last_success_at) : "never" })));
    }
    box.replaceChildren(el("div", { class: "scroller", role: "region", "aria-labelledby": "failing-caption", tabindex: "0" },
      el("table", { id: "failing" },
        el("caption", { id: "failing-caption", text: `Failing regions (${failing.length})` }),
        el("thead", {}, el("tr", {}, ...["Region", "Part", "Error", "Failures in a row", "Last success"].map((t) => el("th", { scope: "col", text: t })))),
        tbody)));
  }

  const banner = $("#stale-banner");
  banner.hidden = !r.stale;
  if (r.stale) {
    const since = r.last_success_at ? `the last successful refresh was ${ago(r.last_success_at)} (${fmtTime(r.last_success_at)})` : "no refresh has succeeded yet";
    let text = `⚠ Stale data: ${since}; data older than ${fmtDuration(r.stale_after_seconds)} is stale.`;
    if (r.stale_regions.length) text += ` Stale regions: ${r.stale_regions.join(", ")}.`;
    if (last && last.error) text += ` Last run ${last.outcome}: ${last.error}`;
    banner.textContent = text;
  }
}

function renderHealth() {
  // Every region with figures, and every destination the matrix shows (with or without samples).
  const codes = new Set(S.health.keys());
  if (S.profiles.length) matrixColumns(matrixRows()).regions.forEach((c) => codes.add(c));
  const entries = [...codes].map((code) => S.health.get(code) || { region: code, state: null });
  entries.sort((a, b) => (HEALTH_ORDER[a.state] ?? 4) - (HEALTH_ORDER[b.state] ?? 4) || a.region.localeCompare(b.region));
  const tbody = $("#health tbody");
  tbody.replaceChildren(...entries.map((e) => {
    const r = S.regions.get(e.region);
    const head = el("th", { scope: "row" }, el("span", { class: "code", text: e.region }), r ? el("span", { class: "sub", text: r.name }) : null);
    if (!e.state) {
      return el("tr", { "data-region": e.region, "data-state": "none" }, head,
        el("td", { class: "state" }, el("span", { class: "h h-none", text: "○ no samples" }), el("span", { class: "sub", text: "none in the last 5 minutes" })),
        ...["–", "–", "–", "0"].map((t) => el("td", { class: "num", text: t })));
    }
    const st = e.stats;
    return el("tr", { "data-region": e.region, "data-state": e.state }, head,
      el("td", { class: "state" }, el("span", { class: "h h-" + e.state, text: HEALTH_TEXT[e.state] || e.state }),
        el("span", { class: "sub", text: e.reason + (e.since ? ` · since ${fmtTime(e.since).slice(11, 19)}` : "") })),
      el("td", { class: "num", text: pct(st.error_rate) }), el("td", { class: "num", text: pct(st.throttle_rate) }),
      el("td", { class: "num", text: ms(st.p95_ms) }), el("td", { class: "num", text: String(st.count) }));
  }));
}

function changeSummary(c) {
  const a = c.after || {}, b = c.before || {};
  if (c.action === "removed") return "removed";
  switch (c.kind) {
    case "grant": return `→ ${a.status}${a.state && a.state !== "manual" ? " (" + a.state.replace(/_/g, " ") + ")" : ""}${a.note ? " · " + a.note : ""}`;
    case "health": return `${b.state || "–"} → ${a.state}${a.reason ? " · " + a.reason : ""}`;
    case "route": return a.destination_regions ? `→ ${a.destination_regions.length} destinations` : "";
    default: {
      const lc = a.lifecycle && a.lifecycle.status;
      return [a.status, lc].filter(Boolean).join(" · ");
    }
  }
}

function renderChanges() {
  const list = $("#changes");
  list.replaceChildren(...S.changes.map((c) => el("li", { "data-index": c.index, "data-kind": c.kind },
    el("span", { class: "idx", text: "#" + c.index }), " ",
    el("time", { datetime: c.at, text: fmtTime(c.at).slice(11, 19) }), " ",
    el("span", { class: "kind k-" + c.kind, text: c.kind }), " ",
    el("span", { class: "act", text: c.action }), " ",
    el("code", { class: "key", text: c.key }), " ",
    el("span", { class: "sum", text: changeSummary(c) }))));
  if (!S.changes.length) list.append(el("li", { class: "muted", text: "No changes yet." }));
}

// ---------------------------------------------------------------- start

async function start() {
  readHash();
  bindMatrixUI();
  renderSourceSelect();
  for (let backoff = 1000; ; backoff = Math.min(30000, backoff * 2)) {
    try {
      const st = await loadStatus();
      S.since = st.index;
      break;
    } catch (e) {
      setLive("error", `○ regiond does not answer (${e.message}); retrying in ${backoff / 1000} s`);
      await sleep(backoff);
    }
  }
  const results = await Promise.allSettled([loadRegions(), loadMatrix(), loadHealth(), loadRefresh(), loadRecentChanges()]);
  for (const r of results) if (r.status === "rejected") setLive("error", "Load failed: " + r.reason.message);
  setInterval(() => { pending.refresh = true; kick(); }, REFRESH_POLL_MS);
  setInterval(() => { pending.health = true; kick(); }, HEALTH_POLL_MS);
  watch();
}

document.addEventListener("DOMContentLoaded", start);
