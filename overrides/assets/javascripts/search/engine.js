/**
 * gongbao search engine: Chinese search over a sharded bigram index, exact first, then what the
 * reader meant.
 *
 *   import { search, normalize } from "./engine.js";
 *   const { total, exact, results } = await search("东政办发[2023]33号", { base: "/search/" });
 *   // results: [{ url, title, docNumber, issue, date, publisher, year, kind, snippet, score, match }]
 *
 * 1. Exact: terms are separated by whitespace (a "quoted phrase" is one term; a 文号 in any
 *    spelling is one term); a document matches when it contains every term as an exact
 *    substring of its normalized text. Ranking: the document whose 文号 is the query, then one
 *    whose 文号 starts with it, then title hits, then the number of hits, then recency.
 *    These results have match "exact"; `exact` counts them.
 * 2. Related (related.js): when fewer than FEW documents match exactly, documents covering the
 *    query's words in any order, in part, or through a short form or synonym follow, with match
 *    "related" (with exact matches present, only those covering every word). The list says so.
 * 3. 文号 typed loosely (wenhao.js: 东政办发2023 46, 东政办发46号 2023, …) is one exact term; a
 *    文号 without its year lists every document with that code and serial, newest first, and a
 *    cited 文号 outside the archive brings its own page (match "number") first.
 * The index is cut into blocks of documents, newest first (builder/site/search.py); a search
 * reads blocks until it has `limit` results, so `total` counts the blocks read and `complete`
 * says whether that was all of them. A 文号 query reads every block (its postings are tiny).
 * Options: base (URL of the search/ folder, default "search/"), limit (default 10), all (read
 * every block: exact totals), related (false: exact matching only), and the filters publisher,
 * year, kind (文种) and department.
 *
 * `normalize` is the same definition as builder/site/search.py (tested to agree).
 */
import { formatDocNumber, parseDocNumberQuery } from "../wenhao.js";
import { baseUrl, blockLengths, fnv1a, loadMeta, normalize, record, tableEntry, termHits, textAround, UNIGRAM } from "./index.js";
import { aliasesOf, contentRuns, cutTail, relatedInBlock, WINDOW } from "./related.js";

export { fnv1a, loadMeta, normalize };

const DOC_NUMBER = /^[^\s〔]{0,16}〔(?:19|20)\d{2}〕\d{1,5}号?$/;
const FEW = 3; // fewer exact matches than this: related results follow

/** The terms of a query, each normalized: quoted phrases and 文号 stay whole (a 文号 typed
 * without its serial, 东政办发2023, is the term 东政办发〔2023〕). */
export function parseQuery(query) {
  const typed = parseDocNumberQuery(query);
  if (typed && typed.year !== null) {
    return [formatDocNumber(typed) ?? `${normalize(typed.prefix)}〔${typed.year}〕`];
  }
  const compact = query.trim().replace(/\s+/g, "");
  for (const candidate of [compact, compact + "号"]) {
    const number = normalize(candidate);
    if (DOC_NUMBER.test(number)) return [number.endsWith("号") ? number : number + "号"];
  }
  return textTerms(query);
}

/** The whitespace-separated terms of a query, normalized ("quoted phrases" stay whole). */
function textTerms(query) {
  const terms = [];
  const pattern = /"([^"]+)"|“([^”]+)”|(\S+)/g;
  let match;
  while ((match = pattern.exec(query))) {
    const term = normalize(match[1] || match[2] || match[3]).replace(/\s+/g, "");
    if (term && !terms.includes(term)) terms.push(term);
  }
  return terms;
}

const FILTERS = ["publisher", "year", "kind", "department"];
const filtered = (options) => FILTERS.some((name) => options[name]);

function passes(doc, options) {
  const { publisher, year, kind, departments } = doc;
  if (options.publisher && publisher !== options.publisher) return false;
  if (options.year && String(year) !== String(options.year)) return false;
  if (options.kind && kind !== options.kind) return false;
  if (options.department && !(departments || []).includes(options.department)) return false;
  return true;
}

export function escapeHtml(text) {
  return String(text ?? "").replace(/[&<>"]/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[ch]);
}

/** The text around `position` with every occurrence of the terms and every range marked. */
async function snippet(doc, position, { terms = [], ranges = [] }, meta, options) {
  const { text, offset } = await textAround(doc, position, meta, options);
  const local = position - offset;
  const start = Math.max(0, local - 30);
  const window = text.slice(start, local + 60);
  const marked = new Array(window.length).fill(false);
  for (const term of terms) {
    for (let at = window.indexOf(term); term && at >= 0; at = window.indexOf(term, at + 1)) marked.fill(true, at, at + term.length);
  }
  for (const [from, to] of ranges) {
    const a = from - offset - start;
    const b = to - offset - start;
    if (b > 0 && a < window.length) marked.fill(true, Math.max(0, a), Math.min(window.length, b));
  }
  let html = "";
  for (let i = 0; i < window.length; ) {
    let j = i;
    while (j < window.length && marked[j] === marked[i]) j++;
    const part = escapeHtml(window.slice(i, j).replace(/\n/g, " "));
    html += marked[i] ? `<mark>${part}</mark>` : part;
    i = j;
  }
  return (start > 0 ? "…" : "") + html + "…";
}

/** The exact matches of every term in one block: [{doc, score, first}]. */
async function exactInBlock(block, terms, meta, options) {
  const perTerm = await Promise.all(terms.map((term) => termHits(term, block, meta, options)));
  const local = [...perTerm[0].keys()].filter((doc) => perTerm.every((hits) => hits.has(doc)));
  if (!local.length) return [];
  const lengths = await blockLengths(block, options);
  const whole = terms.length === 1 ? terms[0] : null;
  const matches = [];
  for (const doc of local) {
    const id = block * meta.block + doc;
    if (filtered(options) && !passes(await record(id, meta, options), options)) continue;
    const [titleLength, numberLength] = lengths[doc];
    let score = 0;
    const hits = perTerm.map((map) => map.get(doc));
    const onNumberLine = numberLength > 0 && hits[0].includes(titleLength + 1);
    if (whole && onNumberLine) score += numberLength === whole.length ? 1e6 : 5e5; // its 文号, or its start
    for (let t = 0; t < terms.length; t++) {
      if (hits[t].some((position) => position < titleLength)) score += 1e4;
      score += Math.min(hits[t].length, 50) * 10;
    }
    if (terms.length > 1) score += 3000 * closeness(hits); // the terms close together
    matches.push({ doc: id, score, first: hits[0][0], match: "exact" });
  }
  return matches;
}

/** The older blocks that can hold every term (all its bigrams occur there; g/ table), or
 * false when the index has one block. Read once a query needs more than the newest block. */
async function candidateBlocks(terms, meta, options) {
  if (!meta.gramShards) return false;
  const keys = new Set(terms.flatMap((term) => (term.length === 1 ? [UNIGRAM + term]
    : [...term.slice(1)].map((_, k) => term.slice(k, k + 2)))));
  const lists = await Promise.all([...keys].map((key) => tableEntry("g", meta.gramShards, key, key, options)));
  return lists.reduce((blocks, list) => new Set((list || []).filter((b) => !blocks || blocks.has(b))), null);
}

/** The blocks where every character of the runs has a bigram of its run (g/ table): only they
 * can hold a document covering the whole query. False when the index has one block. */
async function coveringBlocks(runs, meta, options) {
  if (!meta.gramShards) return false;
  const blocksOf = (key) => tableEntry("g", meta.gramShards, key, key, options).then((list) => new Set(list || []));
  let capable = null;
  for (const run of runs) {
    const grams = run.length === 1 ? [await blocksOf(UNIGRAM + run)]
      : await Promise.all([...run.slice(1)].map((_, k) => blocksOf(run.slice(k, k + 2))));
    for (let i = 0; i < run.length; i++) {
      const here = run.length === 1 ? grams[0] : new Set([...(grams[i - 1] || []), ...(grams[i] || [])]);
      capable = new Set([...here].filter((b) => !capable || capable.has(b)));
    }
  }
  return capable;
}

/** The largest share of the terms found within WINDOW characters of one place. */
function closeness(hits) {
  const rarest = hits.reduce((a, b) => (b.length < a.length ? b : a));
  let best = 0;
  for (const position of rarest.slice(0, 60)) {
    const near = hits.filter((list) => list.some((p) => Math.abs(p - position) <= WINDOW)).length;
    best = Math.max(best, near);
  }
  return best / hits.length;
}

/** A 文号 typed without its year: every archive document with that code and serial, newest
 * first, or else the pages of such cited 文号 outside the archive. With its year: the page of a
 * cited 文号 outside the archive (an archive document is found by the exact stage). */
async function numberMatches(typed, meta, options) {
  if (!typed || typed.serial === null || !meta.numberShards) return [];
  const key = `${normalize(typed.prefix)}|${typed.serial}`;
  const entries = ((await tableEntry("n", meta.numberShards, key, key, options)) || [])
    .filter(([year]) => typed.year === null || year === typed.year);
  const own = entries.filter((entry) => entry.length === 2);
  if (typed.year === null && own.length) {
    const kept = [];
    for (const [, doc] of own) {
      if (!filtered(options) || passes(await record(doc, meta, options), options)) kept.push({ doc, score: 2e6, first: 0, match: "number" });
    }
    return kept;
  }
  if (filtered(options) || own.length) return [];
  return entries.map(([year, url, title]) => ({ page: { url, title, docNumber: `${normalize(typed.prefix)}〔${year}〕${typed.serial}号` } }));
}

async function related(terms, exactDocs, meta, options, limit) {
  const whole = exactDocs.size > 0;
  const runs = whole ? terms : contentRuns(terms, meta.stopWords || []);
  if (!runs.length) return { matches: [], blocks: 0 };
  const aliases = meta.aliasShards ? await aliasesOf(runs, meta, options) : new Map();
  const found = [];
  const full = () => found.filter((match) => match.coverage >= 0.999).length;
  let block = 0;
  let capable;
  // older blocks until a page of documents covers all of the query, skipping those that cannot
  for (; block < meta.shards.length && (options.all || full() < limit); block++) {
    if (block > 0 && !whole && !options.all
        && (capable ??= await coveringBlocks(runs, meta, options)) && !capable.has(block)) continue;
    const matches = await relatedInBlock(block, runs, aliases, meta, options, { whole });
    for (const match of matches) {
      const id = block * meta.block + match.doc;
      if (exactDocs.has(id)) continue;
      if (filtered(options) && !passes(await record(id, meta, options), options)) continue;
      found.push({ ...match, doc: id, match: "related" });
    }
  }
  return { matches: cutTail(found).sort((a, b) => b.score - a.score || a.doc - b.doc), blocks: block };
}

async function present(match, terms, meta, options) {
  if (match.page) {
    const { url, title, docNumber } = match.page;
    return { url: new URL(url, new URL("..", baseUrl(options))).href, title: title ? `${docNumber} ${title}` : docNumber,
             docNumber, issue: null, date: null, publisher: null, year: null, kind: "库外文号", score: 3e6, match: "number",
             snippet: "本库未收录此文件；其页面列出引用它的本库文件" };
  }
  const { url, title, doc_number: docNumber, issue, date, publisher, year, kind } = await record(match.doc, meta, options);
  return {
    url: new URL(url, new URL("..", baseUrl(options))).href,
    title, docNumber, issue, date, publisher, year, kind, score: match.score, match: match.match,
    snippet: await snippet(match.doc, match.first ?? 0, match.match === "related" ? { ranges: match.ranges } : { terms }, meta, options),
  };
}

export async function search(query, options = {}) {
  const found = await searchTerms(parseQuery(query), parseDocNumberQuery(query), options);
  // what looked like a 文号 but is none (东胜区政府办公室通知2024): search its words instead
  const words = textTerms(query);
  if (found.results.length || found.terms.join(" ") === words.join(" ")) return found;
  return searchTerms(words, null, options);
}

async function searchTerms(terms, typed, options) {
  const meta = await loadMeta(options);
  if (!terms.length) return { terms, total: 0, exact: 0, complete: true, results: [] };
  const limit = options.limit ?? 10;
  const numbers = await numberMatches(typed, meta, options);
  // a cited 文号 typed without its year: the documents citing it follow its page, as they do
  // when it is typed in full
  const cited = typed && typed.year === null && numbers.length && numbers.every((match) => match.page)
    ? numbers.map((match) => [match.page.docNumber]) : null;
  const everything = options.all || cited !== null || (terms.length === 1 && DOC_NUMBER.test(terms[0]));
  const exact = [];
  let block = 0;
  if (!numbers.some((match) => match.match === "number")) {
    for (const wanted of cited ?? [terms]) {
      let candidates;
      for (block = 0; block < meta.shards.length && (everything || exact.length < limit); block++) {
        if (block > 0 && (candidates ??= await candidateBlocks(wanted, meta, options)) && !candidates.has(block)) continue;
        const seen = new Set(exact.map((match) => match.doc));
        exact.push(...(await exactInBlock(block, wanted, meta, options)).filter((match) => !seen.has(match.doc)).map((match) => ({ ...match, terms: wanted })));
      }
    }
  }
  exact.sort((a, b) => b.score - a.score || a.doc - b.doc);
  let complete = block >= meta.shards.length || numbers.length > 0;
  let relatedMatches = [];
  const isNumber = typed !== null || (terms.length === 1 && DOC_NUMBER.test(terms[0]));
  if (options.related !== false && !isNumber && exact.length < FEW) {
    const found = await related(terms, new Set(exact.map((match) => match.doc)), meta, options, limit);
    relatedMatches = found.matches;
    complete = complete && found.blocks >= meta.shards.length;
  }
  if (typed && typed.year !== null && typed.serial !== null && !numbers.length && !exact.length) {
    // no such 文号: the documents with that code and serial in other years are related
    const years = await numberMatches({ ...typed, year: null }, meta, options);
    relatedMatches = years.filter((match) => match.doc !== undefined).map((match) => ({ ...match, match: "related" }));
  }
  const ranked = [...numbers, ...exact, ...relatedMatches];
  const results = await Promise.all(ranked.slice(0, limit).map((match) => present(match, match.terms ?? terms, meta, options)));
  return { terms, total: ranked.length, exact: exact.length, complete, results };
}
