// roadmapper web app: small enhancements on top of pages that work without
// JavaScript. Nothing here is needed to read or change anything.
"use strict";

// Audit table: filter by status and sort by column without a reload. The
// links keep working (the server filters and sorts too); this only saves
// the round trip and keeps the URL in step.
function enhanceAudit() {
  const table = document.querySelector("table[data-audit]");
  if (!table) return;
  const tbody = table.tBodies[0];
  const rows = Array.from(tbody.rows);
  const count = document.querySelector("[data-audit-count]");
  const state = new URL(location.href).searchParams;

  function apply() {
    const status = state.get("status") || "";
    const sort = state.get("sort") || "project";
    const desc = state.get("dir") === "desc";
    let shown = 0;
    rows.forEach(r => {
      const ok = !status || r.dataset.status === status;
      r.hidden = !ok;
      if (ok) shown++;
    });
    const key = r => r.dataset["sort" + sort.charAt(0).toUpperCase() + sort.slice(1)] || "";
    const numeric = ["items", "words", "issues"].includes(sort);
    const sorted = rows.slice().sort((a, b) => {
      const x = key(a), y = key(b);
      const c = numeric ? Number(x) - Number(y) : x.localeCompare(y);
      return desc ? -c : c;
    });
    sorted.forEach(r => tbody.appendChild(r));
    table.querySelectorAll("th[data-col]").forEach(th => {
      if (th.dataset.col === sort) th.setAttribute("aria-sort", desc ? "descending" : "ascending");
      else th.removeAttribute("aria-sort");
    });
    document.querySelectorAll("[data-filter]").forEach(a => {
      if (a.dataset.filter === status) a.setAttribute("aria-current", "true");
      else a.removeAttribute("aria-current");
    });
    if (count) count.textContent = shown + (shown === 1 ? " project" : " projects");
  }

  function go(ev, params) {
    ev.preventDefault();
    for (const [k, v] of Object.entries(params)) {
      if (v) state.set(k, v); else state.delete(k);
    }
    history.replaceState(null, "", "?" + state.toString());
    apply();
  }
  document.querySelectorAll("[data-filter]").forEach(a =>
    a.addEventListener("click", ev => go(ev, { status: a.dataset.filter })));
  table.querySelectorAll("th[data-col] a").forEach(a => {
    const col = a.closest("th").dataset.col;
    a.addEventListener("click", ev => {
      const same = (state.get("sort") || "project") === col;
      go(ev, { sort: col, dir: same && state.get("dir") !== "desc" ? "desc" : "" });
    });
  });
}

// Crawl page: poll the crawl's status and show its progress live.
function watchCrawl() {
  const box = document.querySelector("[data-crawl-status]");
  if (!box) return;
  const url = box.dataset.crawlStatus;
  const bar = box.querySelector("progress");
  const text = box.querySelector("[data-crawl-text]");
  const log = box.querySelector("[data-crawl-log]");
  const done = box.querySelector("[data-crawl-done]");
  const button = document.querySelector("[data-crawl-start]");
  let seen = log ? log.children.length : 0;

  async function tick() {
    let s;
    try {
      const r = await fetch(url, { headers: { Accept: "application/json" }, cache: "no-store" });
      if (!r.ok) throw new Error(r.status);
      s = await r.json();
    } catch (e) {
      setTimeout(tick, 2000);
      return;
    }
    if (bar) { bar.max = Math.max(s.total, 1); bar.value = s.done; }
    if (text) text.textContent = s.message;
    if (log) {
      for (; seen < s.projects.length; seen++) {
        const p = s.projects[seen];
        const li = document.createElement("li");
        const b = document.createElement("span");
        b.className = "badge badge-" + (p.status === "failed" ? "failed" : "good");
        b.textContent = p.status.replace(/_/g, " ");
        li.append(p.project + " ", b);
        if (p.error) li.append(" " + p.error);
        log.appendChild(li);
      }
    }
    if (button) button.disabled = s.running;
    if (s.running) {
      box.setAttribute("aria-busy", "true");
      setTimeout(tick, 700);
    } else {
      box.setAttribute("aria-busy", "false");
      if (done && s.report_url) {
        done.hidden = false;
        const a = done.querySelector("a");
        if (a) a.href = s.report_url;
      }
    }
  }
  if (box.dataset.running === "true") tick();
}

// Form errors: move focus to the summary so it is read out first.
function focusErrors() {
  const e = document.querySelector(".error-summary");
  if (e) e.focus();
}

document.addEventListener("DOMContentLoaded", () => {
  enhanceAudit();
  watchCrawl();
  focusErrors();
});
