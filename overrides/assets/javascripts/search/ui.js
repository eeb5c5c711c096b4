/* gongbao search UI: the header search box (results as you type, in Material's result markup
 * and keyboard habits) and the /search/ page with filters, both driven by engine.js. */
import { escapeHtml, search } from "./engine.js";

const root = new URL("../../../", import.meta.url); // this file is assets/javascripts/search/ui.js
const base = new URL("search/", root).href;
const toggle = document.getElementById("__search");

/** A result's status on the day (status.js's rule), from the dates its record carries. */
function statusOf(result) {
  return result.status && window.gongbaoStatusOn ? window.gongbaoStatusOn(result.status, today()) : null;
}

function today() {
  const now = new Date();
  return [now.getFullYear(), now.getMonth() + 1, now.getDate()].map((n) => String(n).padStart(2, "0")).join("-");
}

function resultItem(result) {
  const facts = [result.docNumber, result.issue, result.date, statusOf(result)].filter(Boolean).map(escapeHtml).join(" · ");
  return `<li class="md-search-result__item">
    <a href="${escapeHtml(result.url)}" class="md-search-result__link" tabindex="-1">
      <article class="md-search-result__article md-search-result__article--document md-typeset">
        <div class="md-search-result__icon md-icon"></div>
        <h1>${escapeHtml(result.title)}</h1>
        <p class="gb-result-facts">${facts}</p>
        <p>${result.snippet}</p>
      </article>
    </a>
  </li>`;
}

/** The list's items, with a line before the first result that is only related. */
function resultItems(found, short) {
  const items = [];
  found.results.forEach((result, index) => {
    if (result.match === "related" && index > 0 && found.results[index - 1].match !== "related") {
      items.push(`<li class="gb-search-related">${short ? "相关结果" : "以下为相关结果（不完全匹配）"}</li>`);
    }
    items.push(resultItem(result));
  });
  return items.join("");
}

/** The line above the results. `short`: the header box's. */
function summary(query, found, short = false) {
  if (!query) return "输入关键词、短语或文号";
  if (!found.results.length) return "没有找到相关文件";
  const shown = query.trim();
  if (found.results.every((result) => result.match === "related")) {
    return short ? "无完全匹配，以下为相关结果" : `没有完全匹配“${shown}”的结果，以下为相关结果`;
  }
  const exact = found.total - found.results.filter((result) => result.match === "related").length;
  // the engine stops reading older documents once it has a page of results
  return found.complete ? `找到 ${exact} 个文件` : `在较新的文件中找到 ${exact} 个`;
}

let latest = 0;
async function render(query, list, meta, options = {}) {
  const ticket = ++latest;
  if (!query.trim()) {
    list.innerHTML = "";
    if (meta) meta.textContent = summary("", null);
    return null;
  }
  const found = await search(query, { base, limit: options.limit ?? 10, ...options });
  if (ticket !== latest) return null; // a newer keystroke won
  list.innerHTML = resultItems(found, Boolean(meta));
  if (meta) meta.textContent = summary(query, found, true);
  return found;
}

/* --- the header box ------------------------------------------------------------------------ */

const input = document.querySelector("[data-gb-search-input]");
const box = document.querySelector("[data-gb-search-result]");
if (input && box) {
  const list = box.querySelector(".md-search-result__list");
  const meta = box.querySelector(".md-search-result__meta");
  let timer;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => render(input.value, list, meta), 60);
  });
  input.addEventListener("focus", () => { toggle.checked = true; });
  input.form.addEventListener("reset", () => { setTimeout(() => render("", list, meta)); input.focus(); });
  input.form.addEventListener("submit", (event) => {
    const first = list.querySelector("a");
    if (first) { event.preventDefault(); window.location.assign(first.href); }
  });
  toggle.addEventListener("change", () => { if (toggle.checked) input.focus(); });
  const dialog = input.closest(".md-search");
  document.addEventListener("focusin", (event) => {
    if (toggle.checked && !dialog.contains(event.target)) input.focus();
  });

  document.addEventListener("keydown", (event) => {
    const links = [...list.querySelectorAll("a")];
    const inSearch = toggle.checked;
    const typing = /^(input|textarea|select)$/i.test(event.target.tagName) || event.target.isContentEditable;
    if (!inSearch && !typing && (event.key === "/" || event.key === "s" || event.key === "f")) {
      event.preventDefault();
      toggle.checked = true;
      input.focus();
    } else if (inSearch && event.key === "Tab") {
      // the open search is a dialog: keyboard focus stays inside it
      event.preventDefault();
      const stops = [input, ...dialog.querySelectorAll(".md-search__scrollwrap"), ...links];
      const index = stops.indexOf(document.activeElement);
      const next = event.shiftKey ? (index <= 0 ? stops.length - 1 : index - 1) : (index + 1) % stops.length;
      stops[next].focus();
    } else if (inSearch && event.key === "Escape") {
      toggle.checked = false;
      input.blur();
    } else if (inSearch && (event.key === "ArrowDown" || event.key === "ArrowUp") && links.length) {
      event.preventDefault();
      const index = links.indexOf(document.activeElement);
      const next = event.key === "ArrowDown" ? Math.min(index + 1, links.length - 1) : index - 1;
      (next < 0 ? input : links[next]).focus();
    }
  });

  const shared = new URLSearchParams(window.location.search).get("q");
  if (shared && !document.querySelector("[data-gb-search-page]")) {
    input.value = shared;
    toggle.checked = true;
    render(shared, list, meta);
  }
}

/* --- the /search/ page ---------------------------------------------------------------------- */

const page = document.querySelector("[data-gb-search-page]");
if (page) {
  const list = document.querySelector("[data-gb-search-page-result] .md-search-result__list");
  const status = document.querySelector("[data-gb-search-status]");
  const params = new URLSearchParams(window.location.search);
  for (const field of page.elements) {
    if (field.name && params.has(field.name)) field.value = params.get(field.name);
  }
  const everything = document.createElement("button");
  everything.type = "button";
  everything.className = "md-button gb-search-all";
  everything.textContent = "检索全部期次";
  everything.hidden = true;
  status.after(everything);
  const run = async (all = false) => {
    const options = { limit: 50, all };
    for (const name of ["publisher", "year", "kind", "department"]) {
      if (page.elements[name].value) options[name] = page.elements[name].value.trim();
    }
    if (page.elements.force.value === "in_force" && window.gongbaoStatusOn) {
      Object.assign(options, { inForce: true, statusOn: window.gongbaoStatusOn, day: today() });
    }
    const query = page.elements.q.value;
    const found = await render(query, list, null, options);
    if (found) status.textContent = summary(query, found) + (found.total > found.results.length ? `，显示前 ${found.results.length} 个` : "");
    else if (!query.trim()) status.textContent = "";
    everything.hidden = !found || found.complete;
  };
  everything.addEventListener("click", () => run(true));
  page.addEventListener("submit", (event) => {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const field of page.elements) if (field.name && field.value) next.set(field.name, field.value);
    history.replaceState(null, "", "?" + next.toString());
    run();
  });
  page.addEventListener("change", () => page.requestSubmit());
  run();
}
