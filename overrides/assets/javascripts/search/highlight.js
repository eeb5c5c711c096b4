/* The words searched for, marked on the page a search result opened (Material's search.highlight
 * convention: the result link carries ?h=<query>), with a button that clears them. Each term is
 * marked whole where the page has it, else in its longest pieces of two or more characters the
 * page has (a near match: 紧密型医共体建设 marks 紧密型 … 医共体建设). */

const HIGHLIGHT = "gb-highlight";

/** The pieces of `term` to mark in `text`: the term, or its longest pieces found there. */
export function piecesIn(term, text) {
  if (text.includes(term)) return [term];
  const pieces = [];
  for (let i = 0; i < term.length - 1; ) {
    let j = term.length;
    while (j >= i + 2 && !text.includes(term.slice(i, j))) j--;
    if (j >= i + 2) {
      pieces.push(term.slice(i, j));
      i = j;
    } else i++;
  }
  return pieces;
}

function mark(root, words) {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => (node.parentElement.closest("script, style, mark, button") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  const nodes = [];
  while (walker.nextNode()) nodes.push(walker.currentNode);
  let count = 0;
  for (const node of nodes) {
    const text = node.nodeValue;
    const ranges = [];
    for (const word of words) {
      for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + word.length)) ranges.push([at, at + word.length]);
    }
    if (!ranges.length) continue;
    ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
    const fragment = document.createDocumentFragment();
    let last = 0;
    for (const [from, to] of ranges) {
      if (from < last) continue;
      fragment.append(text.slice(last, from));
      const highlighted = document.createElement("mark");
      highlighted.className = HIGHLIGHT;
      highlighted.textContent = text.slice(from, to);
      fragment.append(highlighted);
      last = to;
      count++;
    }
    fragment.append(text.slice(last));
    node.replaceWith(fragment);
  }
  return count;
}

function clear(root, button) {
  for (const highlighted of root.querySelectorAll(`mark.${HIGHLIGHT}`)) highlighted.replaceWith(highlighted.textContent);
  root.normalize();
  button.remove();
  const url = new URL(window.location.href);
  url.searchParams.delete("h");
  history.replaceState(history.state, "", url.href);
}

const query = new URLSearchParams(window.location.search).get("h");
const article = document.querySelector(".md-content article");
if (query && article) {
  const text = article.textContent;
  const words = [...new Set(query.split(/\s+/).filter(Boolean).flatMap((term) => piecesIn(term, text)))]
    .sort((a, b) => b.length - a.length);
  if (words.length && mark(article, words)) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "md-button gb-highlight-clear";
    button.textContent = `清除高亮（${query}）`;
    button.addEventListener("click", () => clear(article, button));
    article.prepend(button);
  }
}
