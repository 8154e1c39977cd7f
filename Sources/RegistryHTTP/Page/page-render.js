// regiond operator page, rendering: the access matrix (with keyboard moves between cells), the
// source-region select and filters, the refresh panel and stale banner, the health table and
// the change list. Reads the state `S` that page.js loads and keeps live; builds DOM with
// textContent only (no HTML from data) and styles through classes only (strict CSP).
"use strict";

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
  if (!e || !e.stats.count) return `Health of ${region}: ${e ? e.state + " (" + e.reason + ")" : "no samples in the last 5 minutes"}.`;
  let s = `Health of ${region}: ${e.state} (${e.reason}); error rate ${pct(e.stats.error_rate)}, throttle rate ${pct(e.stats.throttle_rate)}, p95 ${ms(e.stats.p95_ms)}, ${e.stats.count} samples.`;
  if (m) s += ` This model there: ${m.state} (${m.reason}).`;
  return s;
}

function lifecycleCell(lc) {
  if (!lc) return { text: "– unknown", sub: "", cls: "lc-unknown", title: "No lifecycle is known for this model." };
  const dates = [["legacy", lc.legacy_at], ["extended access", lc.public_extended_access_at], ["end of life", lc.end_of_life_at]]
    .filter(([, v]) => v).map(([k, v]) => `${k} ${v}`).join(", ");
  const days = lc.days_to_end_of_life;
  const title = `${lc.status}${dates ? ": " + dates : ""}${days !== null ? ` (${days < 0 ? -days + " days ago" : "in " + days + " days"})` : ""}` +
    `${lc.recommended_replacement ? "; replacement: " + lc.recommended_replacement : ""}`;
  if (lc.status === "EOL") return { text: "⊘ end of life", sub: lc.end_of_life_at ? "since " + lc.end_of_life_at : "", cls: "lc-eol", title };
  const eol = lc.end_of_life_at ? `EOL ${lc.end_of_life_at}` : "";
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
  const text = $("#filter-text");
  if (text.value.trim() !== S.filters.q) text.value = S.filters.q;   // keep what is being typed
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
    if (readHash()) { S.profiles = []; S.access = new Map(); loadMatrix(); }
    renderSourceSelect();
    renderFilters();
    renderMatrix();
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
  return S.profiles.filter((p) => routeOf(p, source)).map((p) => {
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
  table.querySelector("caption").replaceChildren(el("span", { text: all.length
    ? `Access from ${S.source}: ${rows.length} of ${all.length} profiles, incomplete first`
    : S.loadedSource === S.source ? `Access from ${S.source}: no routes` : `Access from ${S.source}: loading…` }));

  const head = el("tr", {},
    el("th", { scope: "col", class: "rowhead", text: "Profile" }),
    el("th", { scope: "col", text: "Access" }));
  for (const code of cols.regions) {
    const r = S.regions.get(code);
    head.append(el("th", { scope: "col", class: "region-col", "data-region": code, title: r ? r.name : code },
      el("span", { class: "code", text: code }), el("span", { class: "sub", text: code === S.source ? "source" : r ? r.name : "" })));
  }
  if (cols.commercial) head.append(el("th", { scope: "col", class: "region-col", text: "Other commercial" }));
  head.append(el("th", { scope: "col", text: "Lifecycle" }), el("th", { scope: "col", text: "Residency" }));
  table.tHead.replaceChildren(head);

  const body = document.createDocumentFragment();
  for (const row of rows) body.append(matrixRow(row, cols));
  if (!rows.length) {
    const span = 4 + cols.regions.length + (cols.commercial ? 1 : 0);
    const why = all.length ? "No profile matches the filters." : S.loadedSource === S.source ? `No profile has a route from ${S.source}.` : "Loading…";
    body.append(el("tr", {}, el("td", { colspan: span, class: "empty", text: why })));
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
      el("span", { class: "sub", text: "→ " + (out.length > 2 ? `${out[0]} +${out.length - 1}` : out.join(", ")) })));
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
  if (via) title += `global profile (any commercial region may serve it), judged by the ${d.region} grant: `;
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
        el("th", { scope: "row" }, el("span", { class: "code", text: x.region })), el("td", { text: x.part }),
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

  const brief = $("#refresh-brief");
  brief.textContent = r.stale ? "⚠ data stale" : r.last_success_at ? `✓ refreshed ${ago(r.last_success_at)}` : "no refresh yet";
  brief.className = r.stale ? "bad" : "ok";

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
  if (c.action === "removed") return "";
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
