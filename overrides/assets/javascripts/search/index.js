/**
 * Reading the search index written by builder/search/index.py: the one text normalization, the
 * shard hash, fetching (each file once, gzip inflated in the browser) and decoding postings.
 * engine.js (exact matching, 文号) and related.js (the relaxed stages) build on it.
 */

import { CLOSE_CLASS, OPEN_CLASS } from "../wenhao.js";

const FULLWIDTH = /[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A\u3000]/g;
// any bracket a 文号's year may stand in (wenhao.js, the one set) -> 〔〕
const YEAR_BRACKETS = new RegExp(
  `[${OPEN_CLASS}]\\s*((?:19|20)\\d{2})\\s*年?\\s*[${CLOSE_CLASS}]`, "g");
const YEAR_WORD = /([发字函])\s*((?:19|20)\d{2})\s*年\s*(\d{1,5})\s*号/g;
const SPACE_NEAR_WIDE = /[ \t]+(?=[^\x00-\x7f])|(?<=[^\x00-\x7f])[ \t]+/g;
export const UNIGRAM = "\u0001"; // key prefix of single-character postings, as in search.py

/** The same definition as normalize in builder/search/index.py (tested to agree). */
export function normalize(text) {
  return text
    .replace(FULLWIDTH, (ch) => (ch === "\u3000" ? " " : String.fromCharCode(ch.charCodeAt(0) - 0xfee0)))
    .toLowerCase()
    .replace(YEAR_BRACKETS, "〔$1〕")
    .replace(YEAR_WORD, "$1〔$2〕$3号")
    .replace(SPACE_NEAR_WIDE, "")
    .replace(/[ \t]+/g, " ");
}

/** 32-bit FNV-1a over UTF-16 code units, as in builder/search/index.py. */
export function fnv1a(text) {
  let value = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    value ^= text.charCodeAt(i);
    value = Math.imul(value, 0x01000193) >>> 0;
  }
  return value >>> 0;
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

export function baseUrl(options) {
  return new URL(options.base || "search/", document.baseURI);
}

/** One file of the index, relative to the search/ folder (JSON unless it is a .txt.gz). */
export function indexFile(path, options) {
  return fetchOnce(new URL(path, baseUrl(options)).href, path.endsWith(".txt.gz") ? "text" : "json");
}

export function loadMeta(options = {}) {
  return indexFile("meta.json", options);
}

/** The postings of a bigram (or UNIGRAM + char: a doc list) in one block, or null. */
export async function postings(gram, block, meta, options) {
  const table = await indexFile(`b/${block}/${fnv1a(gram) % meta.shards[block]}.json.gz`, options);
  return table[gram] || null;
}

/** Map doc -> sorted positions of one character in one block. */
export async function characterPositions(char, block, meta, options) {
  const table = await indexFile(`b/${block}/c${fnv1a(char) % meta.charShards[block]}.json.gz`, options);
  return decode(table[char] || []);
}

/** The entry of `key` in a table sharded by the hash of `hashed` (a/ aliases, n/ 文号). */
export async function tableEntry(folder, shards, key, hashed, options) {
  const table = await indexFile(`${folder}/${fnv1a(hashed) % shards}.json.gz`, options);
  return table[key] || null;
}

/** Flat postings [doc, count, delta…, doc, …] -> Map doc -> sorted positions. */
export function decode(flat) {
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

const decoded = new Map();
/** Map doc -> positions of one bigram in one block (empty when the block lacks it). */
export async function bigramHits(gram, block, meta, options) {
  const key = `${baseUrl(options).href}\u0000${block}\u0000${gram}`;
  if (!decoded.has(key)) decoded.set(key, postings(gram, block, meta, options).then((flat) => decode(flat || [])));
  return decoded.get(key);
}

/** Map doc (block-local) -> start positions of `term` in one block (a single character gives
 * doc -> [] from its doc list). */
export async function termHits(term, block, meta, options) {
  if (term.length === 1) {
    const docs = await postings(UNIGRAM + term, block, meta, options);
    return new Map((docs || []).map((doc) => [doc, []]));
  }
  const grams = [];
  for (let i = 0; i + 1 < term.length; i++) grams.push(term.slice(i, i + 2));
  const maps = await Promise.all(grams.map((gram) => bigramHits(gram, block, meta, options)));
  const hits = new Map();
  if (maps.some((map) => !map.size)) return hits;
  for (const [doc, starts] of maps[0]) {
    if (!maps.every((map) => map.has(doc))) continue;
    const sets = maps.map((map) => new Set(map.get(doc)));
    const found = starts.filter((start) => sets.every((set, offset) => set.has(start + offset)));
    if (found.length) hits.set(doc, found);
  }
  return hits;
}

/** The metadata record of a document (fetched by chunk), by the field names meta.json lists. */
export async function record(doc, meta, options) {
  const chunk = await indexFile(`d/${Math.floor(doc / meta.chunk)}.json.gz`, options);
  const values = chunk[doc % meta.chunk];
  return Object.fromEntries(meta.fields.map((name, i) => [name, values[i]]));
}

/** [title length, 文号 line length] of each document of a block. */
export function blockLengths(block, options) {
  return indexFile(`b/${block}/docs.json`, options);
}

/** The text of a document around `position` (the page it is on, and the next near its end). */
export async function textAround(doc, position, meta, options) {
  const page = Math.floor(position / meta.page);
  const pages = [page];
  if ((position % meta.page) + 80 > meta.page) pages.push(page + 1);
  const texts = await Promise.all(pages.map((k) => indexFile(`t/${doc}-${k}.txt.gz`, options).catch(() => "")));
  return { text: texts.join(""), offset: page * meta.page };
}
