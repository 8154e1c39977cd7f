// regiond operator page, data: loads the access matrix, refresh status, region health and the
// change log, and keeps them live (page-render.js draws them). Plain DOM, no framework; served
// under a strict CSP (no inline script or style), and every URL is relative (the page may sit
// behind a path prefix).
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
  access: new Map(),      // profile id -> { ra: RouteAccess, index it was read at, source }
  matrixGen: 0,
  matrixLoading: false,
  loadedSource: null,     // the source S.profiles belong to
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
  renderMatrix();   // region names in the headers and the health table
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
  S.matrixLoading = true;
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
    S.loadedSource = source;
    S.matrixError = null;
    renderFilters();
    renderMatrix();
    const missing = S.profiles.filter((p) => !access.has(p.id)).map((p) => p.id);
    if (missing.length) await loadRows(missing);
  } catch (e) {
    if (gen === S.matrixGen) showMatrixError(e);
  } finally {
    if (gen === S.matrixGen) S.matrixLoading = false;
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
  renderChanges();   // also when there are none
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
        if (S.matrixLoading) pending.matrix = true;   // the rows are not known yet: read them all again after
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
