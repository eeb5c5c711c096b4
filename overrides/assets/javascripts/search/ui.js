/* gongbao search UI: the header search box (results as you type, in Material's result markup
 * and keyboard habits) and the /search/ page with filters, both driven by engine.js, and the
 * marking of the searched words on the page a result opens (highlight.js).
 *
 * The header box and the home page's box behave alike: Enter goes to /lookup/?q=…, which opens
 * the document of a 文号 that resolves exactly and the results page for anything else; arrows
 * and Enter on a result open that result; the dropdown ends with a link to the full results. */
import { escapeHtml, search } from "./engine.js";
import "./highlight.js";

const root = new URL("../../../", import.meta.url); // this file is assets/javascripts/search/ui.js
const base = new URL("search/", root).href;
const toggle = document.getElementById("__search");

/** A result's link, carrying the query for the page to mark (?h=, Material's convention). */
function resultLink(result, query) {
  if (result.match === "number" && !result.issue) return result.url; // a cited 文号's own page
  const url = new URL(result.url);
  url.searchParams.set("h", query.trim());
  return url.href;
}

/** Strong exact matches first; near matches and passing mentions form the 相关结果 group. */
const primary = (result) => result.match !== "related" && !result.mention;

/** A result's status on the day (status.js's rule), from the dates its record carries. */
function statusOf(result) {
  return result.status && window.gongbaoStatusOn ? window.gongbaoStatusOn(result.status, today()) : null;
}

function today() {
  const now = new Date();
  return [now.getFullYear(), now.getMonth() + 1, now.getDate()].map((n) => String(n).padStart(2, "0")).join("-");
}

function resultItem(result, query) {
  const facts = [result.docNumber, result.issue, result.date, statusOf(result)].filter(Boolean).map(escapeHtml).join(" · ");
  return `<li class="md-search-result__item">
    <a href="${escapeHtml(resultLink(result, query))}" class="md-search-result__link" tabindex="-1">
      <article class="md-search-result__article md-search-result__article--document md-typeset">
        <div class="md-search-result__icon md-icon"></div>
        <h1>${escapeHtml(result.title)}</h1>
        <p class="gb-result-facts">${facts}</p>
        <p>${result.snippet}</p>
      </article>
    </a>
  </li>`;
}

/** The list's items: the exact matches, then the 相关结果 group under its own line. */
function resultItems(found, query, short) {
  const items = [];
  found.results.forEach((result, index) => {
    if (!primary(result) && index > 0 && primary(found.results[index - 1])) {
      items.push(`<li class="gb-search-related">${short ? "相关结果" : "以下为相关结果（不完全匹配或仅顺带提及）"}</li>`);
    }
    items.push(resultItem(result, query));
  });
  return items.join("");
}

/** The line above the results. `short`: the header box's. */
function summary(query, found, short = false) {
  if (!query) return "输入关键词、短语或文号";
  const notes = [];
  if (found.suggestion) notes.push(`您要找的是不是 ${found.suggestion}？`);
  if (found.missing) notes.push(`本库未收录 ${found.missing}`);
  const note = notes.length ? notes.join("；") + (found.results.length ? "；" : "") : "";
  if (!found.results.length) return note || "没有找到相关文件";
  const shown = query.trim();
  if (found.results.every((result) => result.match === "related")) {
    return note + (short ? "无完全匹配，以下为相关结果" : `没有完全匹配“${shown}”的结果，以下为相关结果`);
  }
  if (!found.results.some(primary)) {  // exact matches that only mention it in passing
    return note + (short ? "仅顺带提及，以下为相关结果" : `找到 ${found.exact} 个顺带提及“${shown}”的文件，以下为相关结果`);
  }
  const exact = found.exact + found.results.filter((result) => result.match === "number").length;
  // the engine stops reading older documents once it has a page of results
  return note + (found.complete ? `找到 ${exact} 个文件` : `在较新的文件中找到 ${exact} 个`);
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
  list.innerHTML = resultItems(found, query, Boolean(meta));
  if (meta) meta.textContent = summary(query, found, true);
  return found;
}

/* --- the header box ------------------------------------------------------------------------ */

const input = document.querySelector("[data-gb-search-input]");
const box = document.querySelector("[data-gb-search-result]");
if (input && box) {
  const list = box.querySelector(".md-search-result__list");
  const meta = box.querySelector(".md-search-result__meta");
  const more = box.querySelector("[data-gb-search-more]");
  const show = (query) => {
    more.hidden = !query.trim();
    more.href = new URL("?q=" + encodeURIComponent(query.trim()), base).href;
    return render(query, list, meta);
  };
  let timer;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => show(input.value), 60);
  });
  input.addEventListener("focus", () => { toggle.checked = true; });
  input.form.addEventListener("reset", () => { setTimeout(() => show("")); input.focus(); });
  toggle.addEventListener("change", () => { if (toggle.checked) input.focus(); });
  const dialog = input.closest(".md-search");
  // no keyboard trap: Tab moves on through the results and out of the box, which then closes
  document.addEventListener("focusin", (event) => {
    if (toggle.checked && !dialog.contains(event.target)) toggle.checked = false;
  });

  document.addEventListener("keydown", (event) => {
    const links = [...list.querySelectorAll("a")];
    const inSearch = toggle.checked;
    const typing = /^(input|textarea|select)$/i.test(event.target.tagName) || event.target.isContentEditable;
    if (!inSearch && !typing && (event.key === "/" || event.key === "s" || event.key === "f")) {
      event.preventDefault();
      toggle.checked = true;
      input.focus();
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
    show(shared);
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
