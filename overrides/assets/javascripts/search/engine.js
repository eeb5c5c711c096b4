/**
 * gongbao search engine: exact-substring Chinese search over a sharded bigram index.
 *
 *   import { search, normalize } from "./engine.js";
 *   const { total, results } = await search("东政办发[2023]33号", { base: "/search/" });
 *   // results: [{ url, title, docNumber, issue, date, publisher, year, kind, snippet, score }]
 *
 * Query semantics: terms are separated by whitespace (a "quoted phrase" is one term; a query
 * that is a 文号 in any spelling is one term); a document matches when it contains every term
 * as an exact substring of its normalized text. Ranking: the document whose 文号 is the query,
 * then title hits, then the number of hits, then recency.
 * The index is cut into blocks of documents, newest first (builder/site/search.py); a search
 * reads blocks until it has `limit` results, so `total` counts the blocks read and `complete`
 * says whether that was all of them. A 文号 query reads every block (its postings are tiny).
 * Options: base (URL of the search/ folder, default "search/"), limit (default 10), all (read
 * every block: exact totals), and the filters publisher, year, kind (文种) and department.
 *
 * `normalize` is the same definition as builder/site/search.py (tested to agree).
 */

const FULLWIDTH = /[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A\u3000]/g;
const YEAR_BRACKETS = /[〔[(（【﹝［{]\s*((?:19|20)\d{2})\s*年?\s*[〕\])）】﹞］}]/g;
const YEAR_WORD = /([发字函])\s*((?:19|20)\d{2})\s*年\s*(\d{1,5})\s*号/g;
const SPACE_NEAR_WIDE = /[ \t]+(?=[^\x00-\x7f])|(?<=[^\x00-\x7f])[ \t]+/g;
const UNIGRAM = "\u0001"; // key prefix of single-character postings, as in search.py
const DOC_NUMBER = /^[^\s〔]{0,16}〔(?:19|20)\d{2}〕\d{1,5}号?$/;

export function normalize(text) {
  return text
    .replace(FULLWIDTH, (ch) => (ch === "\u3000" ? " " : String.fromCharCode(ch.charCodeAt(0) - 0xfee0)))
    .toLowerCase()
    .replace(YEAR_BRACKETS, "〔$1〕")
    .replace(YEAR_WORD, "$1〔$2〕$3号")
    .replace(SPACE_NEAR_WIDE, "")
    .replace(/[ \t]+/g, " ");
}

/** 32-bit FNV-1a over UTF-16 code units, as in builder/site/search.py. */
export function fnv1a(text) {
  let value = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    value ^= text.charCodeAt(i);
    value = Math.imul(value, 0x01000193) >>> 0;
  }
  return value >>> 0;
}

/** The terms of a query, each normalized: quoted phrases and 文号 stay whole. */
export function parseQuery(query) {
  const compact = query.trim().replace(/\s+/g, "");
  for (const candidate of [compact, compact + "号"]) {
    const number = normalize(candidate);
    if (DOC_NUMBER.test(number)) return [number.endsWith("号") ? number : number + "号"];
  }
  const terms = [];
  const pattern = /"([^"]+)"|“([^”]+)”|(\S+)/g;
  let match;
  while ((match = pattern.exec(query))) {
    const term = normalize(match[1] || match[2] || match[3]).replace(/\s+/g, "");
    if (term && !terms.includes(term)) terms.push(term);
  }
  return terms;
}

const cache = new Map();
function fetchOnce(url, kind) {
  if (!cache.has(url)) {
    cache.set(url, fetch(url).then(async (response) => {
      if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
      const text = url.endsWith(".gz") ? await inflate(await response.arrayBuffer()) : await response.text();
      return kind === "json" ? JSON.parse(text) : text;
    }));
  }
  return cache.get(url);
}

/** The text of a gzip file (the index's .gz files; a server that already decoded it is fine too). */
async function inflate(buffer) {
  const bytes = new Uint8Array(buffer);
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return new TextDecoder().decode(bytes);
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Response(stream).text();
}

function baseUrl(options) {
  return new URL(options.base || "search/", document.baseURI);
}

export function loadMeta(options = {}) {
  return fetchOnce(new URL("meta.json", baseUrl(options)).href, "json");
}

async function postings(gram, block, meta, options) {
  const shard = fnv1a(gram) % meta.shards[block];
  const table = await fetchOnce(new URL(`b/${block}/${shard}.json.gz`, baseUrl(options)).href, "json");
  return table[gram] || null;
}

/** Map doc -> sorted positions for one bigram. */
function decode(flat) {
  const map = new Map();
  for (let i = 0; i < flat.length; ) {
    const doc = flat[i];
    const count = flat[i + 1];
    const positions = new Array(count);
    let position = 0;
    for (let k = 0; k < count; k++) {
      position += flat[i + 2 + k];
      positions[k] = position;
    }
    map.set(doc, positions);
    i += 2 + count;
  }
  return map;
}

/** Map doc (block-local) -> start positions of `term` in one block (a single character gives
 * doc -> [] from its doc list). */
async function termHits(term, block, meta, options) {
  if (term.length === 1) {
    const docs = await postings(UNIGRAM + term, block, meta, options);
    return new Map((docs || []).map((doc) => [doc, []]));
  }
  const grams = [];
  for (let i = 0; i + 1 < term.length; i++) grams.push(term.slice(i, i + 2));
  const lists = await Promise.all(grams.map((gram) => postings(gram, block, meta, options)));
  if (lists.some((list) => !list)) return new Map();
  const decoded = lists.map(decode);
  const hits = new Map();
  for (const [doc, starts] of decoded[0]) {
    if (!decoded.every((map) => map.has(doc))) continue;
    const sets = decoded.map((map) => new Set(map.get(doc)));
    const found = starts.filter((start) => sets.every((set, offset) => set.has(start + offset)));
    if (found.length) hits.set(doc, found);
  }
  return hits;
}

/** The metadata record of a document (fetched by chunk). */
async function record(doc, meta, options) {
  const chunk = await fetchOnce(new URL(`d/${Math.floor(doc / meta.chunk)}.json.gz`, baseUrl(options)).href, "json");
  return chunk[doc % meta.chunk];
}

const FILTERS = ["publisher", "year", "kind", "department"];

function passes(doc, options) {
  const [, , , , , publisher, year, kind, departments] = doc;
  if (options.publisher && publisher !== options.publisher) return false;
  if (options.year && String(year) !== String(options.year)) return false;
  if (options.kind && kind !== options.kind) return false;
  if (options.department && !(departments || []).includes(options.department)) return false;
  return true;
}

export function escapeHtml(text) {
  return String(text ?? "").replace(/[&<>"]/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[ch]);
}

async function snippet(docId, position, terms, meta, options) {
  const pageSize = meta.page;
  const page = Math.floor(position / pageSize);
  const pages = [page];
  if ((position % pageSize) + 80 > pageSize) pages.push(page + 1);
  const texts = await Promise.all(pages.map((k) =>
    fetchOnce(new URL(`t/${docId}-${k}.txt.gz`, baseUrl(options)).href, "text").catch(() => "")));
  const text = texts.join("");
  const local = position - page * pageSize;
  const start = Math.max(0, local - 30);
  const window = text.slice(start, local + 60).replace(/\n/g, " ");
  let html = escapeHtml(window);
  for (const term of terms) {
    if (term.length) html = html.split(escapeHtml(term)).join(`<mark>${escapeHtml(term)}</mark>`);
  }
  return (start > 0 ? "…" : "") + html + "…";
}

/** The matches of every term in one block: [{doc, hits: [positions per term], score}]. */
async function blockMatches(block, terms, meta, options) {
  const perTerm = await Promise.all(terms.map((term) => termHits(term, block, meta, options)));
  const local = [...perTerm[0].keys()].filter((doc) => perTerm.every((hits) => hits.has(doc)));
  if (!local.length) return [];
  const lengths = await fetchOnce(new URL(`b/${block}/docs.json`, baseUrl(options)).href, "json");
  const whole = terms.length === 1 ? terms[0] : null;
  const matches = [];
  for (const doc of local) {
    const id = block * meta.block + doc;
    if (FILTERS.some((name) => options[name]) && !passes(await record(id, meta, options), options)) continue;
    const [titleLength, numberLength] = lengths[doc];
    let score = 0;
    const hits = perTerm.map((map) => map.get(doc));
    if (whole && numberLength === whole.length && hits[0].includes(titleLength + 1)) score += 1e6;
    for (let t = 0; t < terms.length; t++) {
      if (hits[t].some((position) => position < titleLength)) score += 1e4;
      score += Math.min(hits[t].length, 50) * 10;
    }
    matches.push({ doc: id, score, first: hits[0][0] });
  }
  return matches;
}

export async function search(query, options = {}) {
  const meta = await loadMeta(options);
  const terms = parseQuery(query);
  if (!terms.length) return { terms, total: 0, complete: true, results: [] };
  const limit = options.limit ?? 10;
  const everything = options.all || (terms.length === 1 && DOC_NUMBER.test(terms[0]));
  const scored = [];
  let block = 0;
  for (; block < meta.shards.length && (everything || scored.length < limit); block++) {
    scored.push(...await blockMatches(block, terms, meta, options));
  }
  scored.sort((a, b) => b.score - a.score || a.doc - b.doc);
  const results = await Promise.all(scored.slice(0, limit).map(async ({ doc, score, first }) => {
    const [url, title, docNumber, issue, date, publisher, year, kind] = await record(doc, meta, options);
    return {
      url: new URL(url, new URL("..", baseUrl(options))).href,
      title, docNumber, issue, date, publisher, year, kind, score,
      snippet: await snippet(doc, first ?? 0, terms, meta, options),
    };
  }));
  return { terms, total: scored.length, complete: block >= meta.shards.length, results };
}
