/**
 * 文号 typed any way: the one JavaScript definition, shared by the search engine
 * (search/engine.js), the header search box and the /lookup/ route (lookup.js).
 *
 *   parseDocNumberQuery("东政办发2023 46")  -> { prefix: "东政办发", year: 2023, serial: 46 }
 *   parseDocNumberQuery("东政发31号")       -> { prefix: "东政发", year: null, serial: 31 }
 *   normalizeDocNumber("东政办发[2023]33号") -> "东政办发〔2023〕33号"
 *
 * The same rules as parse_doc_number_query in builder/patterns/docnumber.py; both are tested on the
 * shared case list tests/doc_number_cases.yml.
 */

const HAN = "\\u3400-\\u9fff\\uf900-\\ufaff";
/** The brackets a 文号's year may stand in, as builder/patterns/docnumber.py has them (tested to agree). */
export const OPEN_BRACKETS = "〔［[（(﹝【";
export const CLOSE_BRACKETS = "〕］]）)﹞】";
const escapeClass = (chars) => chars.replace(/[\\\]\[^-]/g, "\\$&");
/** The same, escaped for a RegExp character class. */
export const OPEN_CLASS = escapeClass(OPEN_BRACKETS);
export const CLOSE_CLASS = escapeClass(CLOSE_BRACKETS);
const BRACKETS = OPEN_CLASS + CLOSE_CLASS;
// an issuing code, then only numbers and the marks around them, in any order
const CODE = new RegExp(`^([${HAN}A-Za-z]{2,16}?)([0-9\\s${BRACKETS}年第号\\-_/.、—]*)$`);
const NUMBER = /(第)?\s*([0-9]{1,5})\s*(年)?\s*([〕］\])）)﹞】]?)\s*(号)?/g;
const YEARLIKE = /^(?:19|20)[0-9]{2}$/;

/** A 文号 as typed: {prefix, year, serial} (year or serial may be null), or null when the text
 * is not an issuing code followed by one or two numbers and nothing but their marks. A number
 * marked 年 or in brackets is the year, one marked 第 or 号 the serial; an unmarked 19xx/20xx
 * is the year, any other number the serial. */
export function parseDocNumberQuery(text) {
  const match = CODE.exec(String(text).normalize("NFKC").trim());
  if (!match) return null;
  const numbers = [...match[2].matchAll(NUMBER)];
  if (numbers.length < 1 || numbers.length > 2) return null;
  let year = null;
  let serial = null;
  const unmarked = [];
  for (const number of numbers) {
    const value = number[2];
    if (number[3] || number[4]) year = year ?? Number(value);
    else if (number[1] || number[5]) serial = serial ?? Number(value);
    else unmarked.push(value);
  }
  for (const value of unmarked) {
    if (year === null && YEARLIKE.test(value)) year = Number(value);
    else if (serial === null) serial = Number(value);
    else if (year === null) year = Number(value);
  }
  if (year !== null && !YEARLIKE.test(String(year))) return null;
  return { prefix: match[1], year, serial };
}

/** The one spelling of a complete 文号 (东政办发〔2023〕33号), or null. */
export function normalizeDocNumber(text) {
  const parsed = parseDocNumberQuery(text);
  return parsed && formatDocNumber(parsed);
}

/** {prefix, year, serial} -> 东政办发〔2023〕33号 (null without year or serial). */
export function formatDocNumber({ prefix, year, serial }) {
  return year === null || serial === null ? null : `${prefix}〔${year}〕${serial}号`;
}
