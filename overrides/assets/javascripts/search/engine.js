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
 * 2. Related (related.js), match "related", after the exact matches and never above one that is
 *    more than a passing mention. With exact matches present, the near matches: documents with
 *    every word of the query (a run of it without question words) inside a stretch of its length
 *    plus NEAR_GAP, in any order or through a short form (领导分工 in 领导工作分工, 副区长杨云 in
 *    杨云 区政府副区长). Without exact matches, documents covering the query's words in any order,
 *    in part, or through a short form or synonym, cut at CUT of the best. An exact match that is
 *    a passing mention (no term in the title, one at most MENTION times: `mention`) goes after
 *    the near matches with half the query in their title. The list labels the group.
 * 3. 文号 typed loosely (wenhao.js: 东政办发2023 46, 东政办发46号 2023, …) is one exact term; a
 *    文号 without its year lists every document with that code and serial, newest first, and a
 *    cited 文号 outside the archive brings its own page (match "number") first. A 文号 that finds
 *    nothing is tried with the archive's code it most likely means (a place before it, a character
 *    missing, extra or wrong: `suggestion`, 您要找的是不是 …); one the archive does not hold sets
 *    `missing` (本库未收录 …), its cited page first when it has one.
 * The index is cut into blocks of documents, newest first (builder/site/search.py); a search
 * reads blocks until it has `limit` results, so `total` counts the blocks read and `complete`
 * says whether that was all of them; the related stage reads at most RELATED_BLOCKS of them, the
 * newest that can cover the whole query, so a query without an exact match costs the same at any
 * archive size. A 文号 query reads every block (its postings are tiny).
 * Options: base (URL of the search/ folder, default "search/"), limit (default 10), all (read
 * every block: exact totals), related (false: exact matching only), and the filters publisher,
 * year, kind (文种) and department.
 *
 * `normalize` is the same definition as builder/site/search.py (tested to agree).
 */
import { formatDocNumber, parseDocNumberQuery } from "../wenhao.js";
import { baseUrl, blockLengths, fnv1a, indexFile, loadMeta, normalize, record, tableEntry, termHits, textAround, UNIGRAM } from "./index.js";
import { aliasesOf, contentRuns, cutTail, fieldsOfWork, relatedInBlock, WINDOW } from "./related.js";

export { fnv1a, loadMeta, normalize };

const MENTION = 2; // a term no more often than this, none in the title: a passing mention
const RELATED_BLOCKS = 3; // blocks the relaxed stage reads at most (unless options.all): its cost is flat in N
const DOC_NUMBER = /^[^\s〔]{0,16}〔(?:19|20)\d{2}〕\d{1,5}号?$/;

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

const FILTERS = ["publisher", "year", "kind", "department", "inForce"];
/** inForce: only documents in force on the day; the caller passes the status rule
 * (status.js's gongbaoStatusOn) as options.statusOn, which reads a record's status dates. */
const IN_FORCE = ["现行有效", "已修改"];
const filtered = (options) => FILTERS.some((name) => options[name]);

function passes(doc, options) {
  const { publisher, year, kind, departments, status } = doc;
  if (options.publisher && publisher !== options.publisher) return false;
  if (options.year && String(year) !== String(options.year)) return false;
  if (options.kind && kind !== options.kind) return false;
  if (options.department && !(departments || []).includes(options.department)) return false;
  if (options.inForce && !(status && IN_FORCE.includes(options.statusOn(status, options.day)))) return false;
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
    let titled = false;
    for (let t = 0; t < terms.length; t++) {
      if (hits[t].some((position) => position < titleLength)) { score += 1e4; titled = true; }
      score += Math.min(hits[t].length, 50) * 10;
    }
    if (terms.length > 1) score += 3000 * closeness(hits); // the terms close together
    // a passing mention: none of the terms in the title, one of them no more than MENTION times
    const mention = !onNumberLine && !titled && hits.some((list) => list.length <= MENTION);
    matches.push({ doc: id, score, first: hits[0][0], match: "exact", mention });
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

/** Documents matching the query in part (related.js), the exact matches left out. With exact
 * matches present (`near`), only near matches follow them: documents covering every word of the
 * query, in any order, within WINDOW characters of one place (紧密型医共体建设 in
 * 紧密型县域医共体建设, 副旗长赵慧 in 组长：赵慧 旗人民政府副旗长, 住建局 as 住房和城乡建设局). */
async function related(terms, exactDocs, meta, options, limit, blocksRead, onlyMentions, aliasesAhead) {
  const near = exactDocs.size > 0;
  const runs = contentRuns(terms, meta.stopWords || []);
  if (!runs.length) return { matches: [], blocks: 0 };
  const aliases = meta.aliasShards ? await (aliasesAhead ?? aliasesOf(runs, meta, options)) : new Map();
  // no document is about a two-word query, only passing mentions: the work on its first word is
  // near (防汛抗旱: a 防汛工作部署会 is about it)
  if (onlyMentions) for (const [form, other] of fieldsOfWork(runs)) aliases.set(form, [...(aliases.get(form) || []), ...other]);
  const found = [];
  const full = () => found.filter((match) => match.coverage >= 0.999).length;
  let block = 0;
  let capable;
  let read = 0;
  // older blocks until a page of documents covers all of the query, skipping those that cannot,
  // and no more than RELATED_BLOCKS of them (the rest when the reader asks for all: `complete`
  // is false); near matches: only in the blocks the exact stage read, and only until the page is
  // full, so they cost no more than the exact matches did as the archive grows
  const last = near && !options.all ? blocksRead : meta.shards.length;
  const wanted = near ? limit - exactDocs.size : limit;
  for (; block < last && (options.all || (full() < wanted && read < RELATED_BLOCKS)); block++) {
    if (block > 0 && !options.all
        && (capable ??= await coveringBlocks(runs, meta, options)) && !capable.has(block)) continue;
    read++;
    const matches = await relatedInBlock(block, runs, aliases, meta, options);
    for (const match of matches) {
      const id = block * meta.block + match.doc;
      if (exactDocs.has(id) || (near && !isNear(match))) continue;
      if (filtered(options) && !passes(await record(id, meta, options), options)) continue;
      found.push({ ...match, doc: id, match: "related" });
    }
  }
  // near matches all meet their definition; a related list without exact matches is cut (CUT)
  return { matches: (near ? found : cutTail(found)).sort((a, b) => b.score - a.score || a.doc - b.doc), blocks: block };
}

/** A near match: the whole query covered inside one stretch of its length plus NEAR_GAP. */
const isNear = (match) => match.together >= 0.999;

async function present(match, terms, meta, options) {
  if (match.page) {
    const { url, title, docNumber } = match.page;
    return { url: new URL(url, new URL("..", baseUrl(options))).href, title: title ? `${docNumber} ${title}` : docNumber,
             docNumber, issue: null, date: null, publisher: null, year: null, kind: "库外文号", score: 3e6, match: "number",
             snippet: "本库未收录此文件；其页面列出引用它的本库文件" };
  }
  // the record and the text around the match, fetched at once
  const [{ url, title, doc_number: docNumber, issue, date, publisher, year, kind, status }, text] = await Promise.all([
    record(match.doc, meta, options),
    snippet(match.doc, match.first ?? 0, match.match === "related" ? { ranges: match.ranges } : { terms }, meta, options),
  ]);
  return {
    url: new URL(url, new URL("..", baseUrl(options))).href,
    title, docNumber, issue, date, publisher, year, kind, status: status ?? null, score: match.score, match: match.match,
    mention: Boolean(match.mention), snippet: text,
  };
}

export async function search(query, options = {}) {
  const typed = parseDocNumberQuery(query);
  let found = await searchTerms(parseQuery(query), typed, options);
  const number = typed && formatDocNumber({ ...typed, prefix: normalize(typed.prefix) });
  if (typed && typed.serial !== null && !found.results.length) {
    // a 文号 with a character missing or extra, or a place before it: 您要找的是不是 …
    const code = await likelyCode(normalize(typed.prefix), typed.serial, typed.year, await loadMeta(options), options);
    if (code) {
      const corrected = { ...typed, prefix: code };
      const again = await searchTerms([formatDocNumber(corrected) ?? `${code}〔`], corrected, options);
      if (again.results.length) return { ...again, suggestion: formatDocNumber(corrected) ?? `${code} ${typed.serial}号` };
    }
  }
  // 本库未收录: a whole 文号 the archive does not hold (its cited page, when it has one, first)
  const missing = number && !found.results.some((result) => result.match === "exact" && result.docNumber === number) ? number : null;
  // what looked like a 文号 but is none (东胜区政府办公室通知2024): search its words instead
  const words = textTerms(query);
  if (!found.results.length && found.terms.join(" ") !== words.join(" ")) found = await searchTerms(words, null, options);
  return missing ? { ...found, missing } : found;
}

/** The archive's issuing code (or a cited one) that a mistyped code most likely means, when it has
 * the number typed: the code with a place name before it (鄂尔多斯市东胜区东政办发), or with one
 * character missing, extra or wrong (东政办〔2023〕33号). The code list (n/codes.json.gz) is read
 * only for a 文号 that found nothing. */
async function likelyCode(typed, serial, year, meta, options) {
  if (!meta.numberShards) return null;
  const codes = await indexFile("n/codes.json.gz", options).catch(() => []);
  const candidates = codes.filter((code) => code !== typed
    && ((typed.length > code.length && typed.endsWith(code)) || oneEditApart(typed, code)));
  // the longest code first: 东政办发 before 政办发
  candidates.sort((a, b) => b.length - a.length || a.localeCompare(b));
  for (const code of candidates) {
    const key = `${code}|${serial}`;
    const entries = (await tableEntry("n", meta.numberShards, key, key, options)) || [];
    if (entries.some(([entryYear]) => year === null || entryYear === year)) return code;
  }
  return null;
}

/** Whether one character inserted, deleted or replaced turns `a` into `b`. */
function oneEditApart(a, b) {
  if (Math.abs(a.length - b.length) > 1 || a === b) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1);
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
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
  const isNumber = typed !== null || (terms.length === 1 && DOC_NUMBER.test(terms[0]));
  const relaxed = options.related !== false && !isNumber;
  // the related stage's short forms, fetched while the exact stage runs (it always reads them)
  const runs = relaxed && meta.aliasShards ? contentRuns(terms, meta.stopWords || []) : [];
  const aliasesAhead = runs.length ? aliasesOf(runs, meta, options) : null;
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
  if (relaxed) {
    const onlyMentions = exact.length > 0 && exact.every((match) => match.mention);
    const found = await related(terms, new Set(exact.map((match) => match.doc)), meta, options, limit, block, onlyMentions, aliasesAhead);
    relatedMatches = found.matches;
    complete = complete && found.blocks >= meta.shards.length;
  }
  if (typed && typed.year !== null && typed.serial !== null && !numbers.length && !exact.length) {
    // no such 文号: the documents with that code and serial in other years are related
    const years = await numberMatches({ ...typed, year: null }, meta, options);
    relatedMatches = years.filter((match) => match.doc !== undefined).map((match) => ({ ...match, match: "related" }));
  }
  // the exact matches down to the last that is more than a passing mention; then the near
  // matches about the query (half its weight in their title); then the exact passing mentions
  // after it; then the other near matches
  const about = (match) => match.titled >= 0.5;
  const head = exact.findLastIndex((match) => !match.mention) + 1;
  const mentions = exact.slice(head);
  for (const match of exact) match.mention = mentions.includes(match);
  const ranked = [...numbers, ...exact.slice(0, head), ...relatedMatches.filter(about),
    ...mentions, ...relatedMatches.filter((match) => !about(match))];
  const results = await Promise.all(ranked.slice(0, limit).map((match) => present(match, match.terms ?? terms, meta, options)));
  return { terms, total: ranked.length, exact: exact.length, complete, results };
}
