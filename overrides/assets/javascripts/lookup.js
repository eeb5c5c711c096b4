/* 文号 lookup: normalise any spelling of a 文号 and go to its document.
 *
 * Accepts 〔〕 [] () （） 【】 ［］ or no brackets, full-width digits, spaces, a missing 号, 第,
 * leading zeros, and the URL form 东政办发-2023-33. The table (wenhao.json) maps the builder's
 * normalised spelling, 东政办发〔2023〕33号, to the document's page. Text that is not a 文号
 * opens the site's full-text search with it. */
(function () {
  "use strict";
  var script = document.currentScript;
  var OPEN = "〔\\[(【［{<〈《「";
  var CLOSE = "〕\\])】］}>〉》」";
  var NUMBER = new RegExp(
    "^(.*?)[" + OPEN + "]?((?:19|20)\\d{2})年?[" + CLOSE + "]?-?第?0*(\\d{1,5})号?$"
  );

  function normalise(text) {
    var compact = text.normalize("NFKC").replace(/\s+/g, "");
    var match = NUMBER.exec(compact);
    if (!match || !match[1]) return null;
    var prefix = match[1].replace(/-$/, "");
    return prefix + "〔" + match[2] + "〕" + Number(match[3]) + "号";
  }
  window.gongbaoNormaliseDocNumber = normalise;

  var params = new URLSearchParams(window.location.search);
  var query = (params.get("q") || params.get("wenhao") || "").trim();
  var status = document.getElementById("gb-lookup-status");
  var input = document.getElementById("gb-lookup-input");
  if (input) input.value = query;
  if (!query) return;

  var key = normalise(query);
  var home = new URL(script.dataset.home, window.location.href);
  function search() {
    window.location.replace(new URL("search/?q=" + encodeURIComponent(query), home).href);
  }
  if (!key) { search(); return; }
  fetch(script.dataset.table)
    .then(function (response) { return response.json(); })
    .then(function (table) {
      var target = table[key];
      if (target) {
        window.location.replace(new URL(target, home).href);
      } else {
        status.textContent = "未找到文号 " + key + "，正在全文搜索……";
        search();
      }
    })
    .catch(function () { status.textContent = "文号表读取失败，请使用全文搜索。"; });
})();
