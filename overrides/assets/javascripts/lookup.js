/* 文号 lookup: any spelling of a 文号 goes to its page (a document of the archive, or the page of
 * a cited 文号 outside it); anything else, and a 文号 without its year or serial, opens the
 * full-text search, which lists every document matching what was typed.
 *
 * Reading a 文号 is wenhao.js's job (the one definition the search engine uses too); the table
 * (wenhao.json) maps the normalised spelling, 东政办发〔2023〕33号, to the page. */
import { parseDocNumberQuery, formatDocNumber } from "./wenhao.js";

const script = document.querySelector("script[data-gb-lookup]");
const params = new URLSearchParams(window.location.search);
const query = (params.get("q") || params.get("wenhao") || "").trim();
const status = document.getElementById("gb-lookup-status");
const input = document.getElementById("gb-lookup-input");
if (input) input.value = query;

const home = new URL(script.dataset.home, window.location.href);
const search = () => window.location.replace(new URL("search/?q=" + encodeURIComponent(query), home).href);

if (query) {
  const parsed = parseDocNumberQuery(query);
  const key = parsed && formatDocNumber(parsed);
  if (!key) {
    search();
  } else {
    fetch(script.dataset.table)
      .then((response) => response.json())
      .then((table) => {
        if (table[key]) {
          window.location.replace(new URL(table[key], home).href);
        } else {
          status.textContent = "未找到文号 " + key + "，正在全文搜索……";
          search();
        }
      })
      .catch(() => { status.textContent = "文号表读取失败，请使用全文搜索。"; });
  }
}
