/**
 * The relaxed stages of search: what a reader meant when no document contains what they typed
 * (异味整治方案 for 乌达产业园区2023年异味综合整治提质增效工作方案, 物业委员会怎么成立 for
 * 物业管理委员会组建管理办法, 文旅局 for 文化和旅游局).
 *
 * The query's question words and particles are dropped (meta.stopWords); what is left, in runs,
 * is matched without a dictionary: every character of a run is "covered" in a document when a
 * bigram of the run containing it occurs there, so the words may come in any order, with other
 * words between them, and a part of the query the archive never uses is simply not required.
 * Some spans are matched whole instead: a form of the alias table (a/, builder/site/vocabulary.py:
 * 医改 -> 医药卫生体制改革, the texts' own 以下简称 definitions, synonyms) counts when any of its
 * forms occurs; a span the archive has no bigram for (文旅局's 旅局) is tried as a short form,
 * matching a phrase whose characters it follows in order, each within ABBREVIATION_GAP of the last.
 *
 * A document's score: how much of the query it covers, each character weighted by the rarity
 * (IDF, within the block) of what covers it; how much of that is in the title; how close together
 * the matches sit; a bonus for covering all of it; then the number of hits. Documents covering
 * less than MIN_COVERAGE, or scoring below CUT of the best, are dropped: a short, precise list.
 */
import { bigramHits, blockLengths, characterPositions, tableEntry, termHits } from "./index.js";

export const WINDOW = 40; // matches within this many characters of each other count as close together
const ANCHORS = 200; // the places of each unit tried as the start of a near match
// a near match: the query's words within its length plus this many characters (a year and an
// ordinal, 2023年第5次, or a qualifier such as 县域 or 工作 between them, a post after a name)
export const NEAR_GAP = 10;
const ABBREVIATION_GAP = 4; // a short form's next character at most this far into the long form
const ABBREVIATION_LENGTHS = [3, 4]; // the short forms tried for a span without bigrams
const MIN_COVERAGE = 0.5;
export const CUT = 0.8;
const TOGETHER = 0.5;

/** The runs of content of a query's terms: question words and particles (longest first) left
 * out; a one-character one only at a run's end or beside another (…的, 是什么; not 有 in 有限公司). */
export function contentRuns(terms, stopWords) {
  const runs = [];
  // punctuation and symbols separate runs as spaces do
  for (const term of terms.flatMap((t) => t.split(/[^\p{L}\p{N}]+/u)).filter(Boolean)) {
    const stop = new Array(term.length).fill(false);
    for (let i = 0; i < term.length; ) {
      const word = stopWords.find((w) => w.length > 1 && term.startsWith(w, i));
      if (word) stop.fill(true, i, i + word.length);
      i += word ? word.length : 1;
    }
    for (let i = 0; i < term.length; i++) {
      if (stop[i] || !stopWords.includes(term[i])) continue;
      if (i === term.length - 1 || stop[i - 1] || stop[i + 1]) stop[i] = true;
    }
    let run = "";
    for (let i = 0; i <= term.length; i++) {
      if (i < term.length && !stop[i]) run += term[i];
      else if (run) { runs.push(run); run = ""; }
    }
  }
  return [...new Set(runs)];
}

/** The alias table's entries for every span of the runs: Map form -> alternative forms. */
export async function aliasesOf(runs, meta, options) {
  const found = new Map();
  const lookups = [];
  for (const run of runs) {
    for (let a = 0; a < run.length; a++) {
      for (let b = a + 2; b <= Math.min(run.length, a + 12); b++) {
        const form = run.slice(a, b);
        lookups.push(tableEntry("a", meta.aliasShards, form, form[0], options).then((forms) => forms && found.set(form, forms)));
      }
    }
  }
  await Promise.all(lookups);
  for (const run of runs) {
    for (const [form, other] of ordinalForms(run)) found.set(form, [...new Set([...(found.get(form) || []), other])]);
  }
  return found;
}

/** The work on a thing, in the texts' own words: 防汛工作, 抗旱工作部署会. */
export const WORK = "工作";

/** A query of four characters, two two-character words (防汛抗旱, 节能减排), as the work on its
 * first word: [[防汛抗旱, [防汛工作]]] (the first of a coordinated pair; the field a modifier
 * names). Used only when every exact match is a passing mention, so that a document about that
 * work is near (the 防汛工作部署会 of a 大事记); a query of other words or lengths gets none. */
export function fieldsOfWork(runs) {
  return runs.length === 1 && runs[0].length === 4 && /^\p{Script=Han}+$/u.test(runs[0])
    ? [[runs[0], [runs[0].slice(0, 2) + WORK]]] : [];
}

const DIGITS = "零一二三四五六七八九";
const ORDINAL = /第([零〇一二两三四五六七八九十百]+|\d{1,3}(?!\d))(?=(\p{Script=Han})?)/gu;

/** 十八 -> 18, 五 -> 5, 一百零二 -> 102; null when not a whole number below 1000. */
function chineseNumber(text) {
  let total = 0;
  let digit = 0;
  for (const char of text.replace(/〇/g, "零").replace(/两/g, "二")) {
    if (char === "百" || char === "十") {
      total += (digit || 1) * (char === "百" ? 100 : 10);
      digit = 0;
    } else digit = DIGITS.indexOf(char);
  }
  return total + digit;
}

/** 18 -> 十八, 102 -> 一百零二 (the way ordinals are written: 第十八届, not 第一十八届). */
function chineseNumeral(number) {
  const hundreds = Math.floor(number / 100);
  const tens = Math.floor((number % 100) / 10);
  const ones = number % 10;
  let text = hundreds ? `${DIGITS[hundreds]}百` : "";
  if (tens) text += `${hundreds || tens > 1 ? DIGITS[tens] : ""}十`;
  else if (hundreds && ones) text += "零";
  return text + (ones || !number ? DIGITS[ones] : "");
}

/** An ordinal of a run in the other way of writing it, with and without the word it counts:
 * [[第五次, 第5次], [第五, 第5]…]; texts write 第五次全国经济普查 and 第1次常务会议 alike. */
export function ordinalForms(run) {
  const forms = [];
  for (const match of run.matchAll(ORDINAL)) {
    const [, numeral, counted = ""] = match;
    const other = /\d/.test(numeral) ? chineseNumeral(Number(numeral)) : String(chineseNumber(numeral));
    forms.push([`第${numeral}`, `第${other}`]);
    if (counted) forms.push([`第${numeral}${counted}`, `第${other}${counted}`]);
  }
  return forms;
}

/** Map doc -> [[start, end]…] where `short`'s characters occur in order, each within
 * ABBREVIATION_GAP of the one before (医共体 in 医疗卫生共同体). */
async function abbreviationHits(short, block, meta, options) {
  const maps = await Promise.all([...short].map((char) => characterPositions(char, block, meta, options)));
  const hits = new Map();
  for (const [doc, starts] of maps[0]) {
    if (!maps.every((map) => map.has(doc))) continue;
    const lists = maps.map((map) => map.get(doc));
    const found = [];
    for (const start of starts) {
      let previous = start;
      for (let k = 1; k < lists.length && previous !== null; k++) {
        const next = firstAfter(lists[k], previous);
        previous = next !== undefined && next - previous <= ABBREVIATION_GAP ? next : null;
      }
      if (previous !== null) found.push([start, previous + 1]);
    }
    if (found.length) hits.set(doc, found);
  }
  return hits;
}

function firstAfter(sorted, value) {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (sorted[middle] <= value) low = middle + 1;
    else high = middle;
  }
  return sorted[low];
}

/** Map doc -> ranges of `form` and its alternatives (exact phrases). */
async function formHits(forms, block, meta, options) {
  const hits = new Map();
  for (const form of forms) {
    for (const [doc, starts] of await termHits(form, block, meta, options)) {
      const ranges = hits.get(doc) || [];
      hits.set(doc, ranges.concat(starts.map((start) => [start, start + form.length])));
    }
  }
  return hits;
}

/** What can cover a run's characters in one block: [{run, from, to, hits: Map doc -> ranges}]. */
async function unitsOf(run, index, block, meta, options, aliases) {
  const units = [];
  if (run.length === 1) {
    const hits = await characterPositions(run, block, meta, options);
    units.push({ run: index, from: 0, to: 1, weak: true,
                 hits: new Map([...hits].map(([doc, positions]) => [doc, positions.map((p) => [p, p + 1])])) });
    return units;
  }
  // the whole run as a short form too (below), its characters fetched with the bigrams
  const whole = ABBREVIATION_LENGTHS.includes(run.length) ? abbreviationHits(run, block, meta, options) : null;
  const grams = await Promise.all([...run.slice(1)].map((_, k) => bigramHits(run.slice(k, k + 2), block, meta, options)));
  grams.forEach((hits, k) => units.push({
    run: index, from: k, to: k + 2,
    hits: new Map([...hits].map(([doc, positions]) => [doc, positions.map((p) => [p, p + 2])])),
  }));
  for (const [form, alternatives] of aliases) {
    for (let from = run.indexOf(form); from >= 0; from = run.indexOf(form, from + 1)) {
      units.push({ run: index, from, to: from + form.length, hits: await formHits([form, ...alternatives], block, meta, options) });
    }
  }
  // the whole run as a short form too (五经普 for 第五次全国经济普查), though texts that use
  // the short form give it bigrams
  if (whole) {
    const hits = await whole;
    if (hits.size) units.push({ run: index, from: 0, to: run.length, hits });
  }
  // a character no bigram or alias covers: perhaps part of a short form (文旅局)
  const covered = new Array(run.length).fill(false);
  for (const unit of units) if (unit.hits.size) covered.fill(true, unit.from, unit.to);
  for (let i = 0; i < run.length; i++) {
    if (covered[i]) continue;
    search: for (const length of ABBREVIATION_LENGTHS) {
      for (let from = Math.max(0, i - length + 1); from <= Math.min(i, run.length - length); from++) {
        const hits = await abbreviationHits(run.slice(from, from + length), block, meta, options);
        if (hits.size) {
          units.push({ run: index, from, to: from + length, hits });
          covered.fill(true, from, from + length);
          break search;
        }
      }
    }
  }
  return units.filter((unit) => unit.hits.size);
}

/** The documents of one block that match part of the query: [{doc, score, coverage, together,
 * titled, first, ranges}] (doc block-local), best first, the weak tail not cut yet (see cutTail).
 * `together`: the share of the query's weight found with each run inside one stretch of its
 * length plus NEAR_GAP (a near match when it is all of it); `titled`: the share in the title. */
export async function relatedInBlock(block, runs, aliases, meta, options) {
  const lengths = await blockLengths(block, options);
  const total = lengths.length;
  const units = (await Promise.all(runs.map((run, index) => unitsOf(run, index, block, meta, options, aliases)))).flat();
  for (const unit of units) unit.weight = Math.log(1 + total / unit.hits.size) * (unit.weak ? 0.5 : 1);
  // a character weighs what the rarest thing covering it weighs
  const weights = runs.map((run) => new Array(run.length).fill(0));
  for (const unit of units) {
    for (let i = unit.from; i < unit.to; i++) weights[unit.run][i] = Math.max(weights[unit.run][i], unit.weight);
  }
  const weight = weights.flat().reduce((a, b) => a + b, 0);
  if (!weight) return [];
  const candidates = new Set(units.flatMap((unit) => [...unit.hits.keys()]));
  const matches = [];
  for (const doc of candidates) {
    const present = units.filter((unit) => unit.hits.has(doc));
    const titleLength = lengths[doc][0];
    const coveredBy = runs.map((run) => new Array(run.length).fill(0)); // 0 no, 1 body, 2 title
    for (const unit of present) {
      const inTitle = unit.hits.get(doc).some(([start]) => start < titleLength) ? 2 : 1;
      for (let i = unit.from; i < unit.to; i++) coveredBy[unit.run][i] = Math.max(coveredBy[unit.run][i], inTitle);
    }
    let covered = 0;
    let titled = 0;
    coveredBy.forEach((marks, r) => marks.forEach((mark, i) => {
      if (mark) covered += weights[r][i];
      if (mark === 2) titled += weights[r][i];
    }));
    const coverage = covered / weight;
    if (coverage < MIN_COVERAGE) continue;
    const { closeness, anchor } = proximity(present, doc);
    // each run (a word the reader typed) together somewhere; the runs anywhere
    const together = runs.reduce((sum, run, r) => sum + runTogether(present, doc, weights, r, run.length + NEAR_GAP), 0) / weight;
    const hits = present.reduce((sum, unit) => sum + Math.min(unit.hits.get(doc).length, 20), 0);
    const score = 100 * coverage + 40 * (titled / weight) + 30 * closeness * coverage
      + (coverage >= 0.999 ? 30 : 0) + Math.min(5, Math.log1p(hits));
    const ranges = present.flatMap((unit) => unit.hits.get(doc));
    matches.push({ doc, score, coverage, together, titled: titled / weight, first: anchor, ranges });
  }
  return matches.sort((a, b) => b.score - a.score || a.doc - b.doc);
}

/** How much of what a document matched sits within WINDOW of one place, and that place. */
function proximity(present, doc) {
  const lists = present.map((unit) => ({ starts: unit.hits.get(doc).map(([start]) => start), weight: unit.weight }));
  const all = lists.reduce((sum, list) => sum + list.weight, 0);
  const rarest = lists.reduce((a, b) => (b.starts.length < a.starts.length ? b : a));
  let best = -1;
  let anchor = rarest.starts[0];
  for (const position of rarest.starts.slice(0, 60)) {
    let near = 0;
    for (const list of lists) {
      const next = firstAfter(list.starts, position - WINDOW - 1);
      if (next !== undefined && next <= position + WINDOW) near += list.weight;
    }
    if (near > best) { best = near; anchor = position; }
  }
  return { closeness: lists.length > 1 ? best / all : 1, anchor };
}

/** The most of one run's weight covered by matches inside one stretch of its length plus
 * NEAR_GAP characters: how much of it occurs together, with small gaps or in another order. */
function runTogether(present, doc, weights, run, span) {
  const lists = present.filter((unit) => unit.run === run)
    .map((unit) => ({ unit, ranges: [...unit.hits.get(doc)].sort((a, b) => a[0] - b[0]) }));
  for (const list of lists) list.starts = list.ranges.map(([start]) => start);
  const places = [...new Set(lists.flatMap((list) => list.starts.slice(0, ANCHORS)))];
  let best = 0;
  for (const place of places) {
    const marks = weights.map((run) => new Array(run.length).fill(false));
    for (const { unit, ranges, starts } of lists) {
      let k = firstAtOrAfter(starts, place);
      while (k < ranges.length && ranges[k][1] > place + span && ranges[k][0] <= place + span) k++;
      if (k < ranges.length && ranges[k][1] <= place + span) marks[unit.run].fill(true, unit.from, unit.to);
    }
    let covered = 0;
    marks.forEach((run, r) => run.forEach((mark, i) => { if (mark) covered += weights[r][i]; }));
    best = Math.max(best, covered);
  }
  return best;
}

function firstAtOrAfter(sorted, value) {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (sorted[middle] < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Related results worth showing: the best, and those scoring at least CUT of it. */
export function cutTail(matches) {
  const best = matches.reduce((top, match) => (!top || match.score > top.score ? match : top), null);
  // and, below the best, only documents holding at least TOGETHER of the query in one place: a
  // document where its pieces are merely scattered (有执法资格的单位名单) is not about it
  return matches.filter((match) => match === best || (match.score >= CUT * best.score && match.together >= TOGETHER));
}
