/* The reader's 字号 (text size) control: 标准 → 大 → 特大 → 标准, on <html data-gb-font-size>
 * (sizes in gongbao.css), remembered in localStorage so every page opens at the chosen size
 * (an inline script in main.html applies it before the first paint). */
(function () {
  "use strict";
  var KEY = "gongbao.font-size";
  var SIZES = [["", "标准"], ["large", "大"], ["x-large", "特大"]];

  function current() {
    var size = document.documentElement.dataset.gbFontSize || "";
    for (var i = 0; i < SIZES.length; i++) if (SIZES[i][0] === size) return i;
    return 0;
  }

  function show(button) {
    var size = SIZES[current()];
    button.setAttribute("aria-label", "字号：" + size[1] + "（点击调整）");
    button.title = "字号：" + size[1];
    button.dataset.gbFontSizeLabel = size[1];
  }

  function apply(index) {
    var size = SIZES[index][0];
    if (size) document.documentElement.dataset.gbFontSize = size;
    else delete document.documentElement.dataset.gbFontSize;
    try {
      if (size) localStorage.setItem(KEY, size);
      else localStorage.removeItem(KEY);
    } catch (error) { /* storage off (private mode): the size holds for this page only */ }
  }

  function setUp() {
    document.querySelectorAll("[data-gb-font-size-control]").forEach(function (button) {
      show(button);
      if (button.dataset.gbReady) return;
      button.dataset.gbReady = "1";
      button.addEventListener("click", function () {
        apply((current() + 1) % SIZES.length);
        document.querySelectorAll("[data-gb-font-size-control]").forEach(show);
      });
    });
  }

  if (window.document$) window.document$.subscribe(setUp);
  else document.addEventListener("DOMContentLoaded", setUp);
})();

/* The citation line's 复制 button: copies the line, says so on the button for a moment. */
(function () {
  "use strict";
  function setUp() {
    document.querySelectorAll("[data-gb-copy]").forEach(function (button) {
      if (button.dataset.gbReady) return;
      button.dataset.gbReady = "1";
      button.addEventListener("click", function () {
        var field = document.getElementById(button.dataset.gbCopy);
        if (!field) return;
        var text = (field.value !== undefined ? field.value : field.textContent).trim();
        var range = document.createRange();  // selected too: the reader sees what was copied
        range.selectNodeContents(field);
        var selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        var done = function () {
          button.textContent = "已复制";
          setTimeout(function () { button.textContent = "复制"; }, 2000);
        };
        if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(text).then(done, function () {});
        else if (document.execCommand && document.execCommand("copy")) done();
      });
    });
  }
  if (window.document$) window.document$.subscribe(setUp);
  else document.addEventListener("DOMContentLoaded", setUp);
})();

/* The 打印 button: the browser's print dialog (gongbao.css prints the page like a gazette page). */
(function () {
  "use strict";
  function setUp() {
    document.querySelectorAll("[data-gb-print]").forEach(function (button) {
      if (button.dataset.gbReady) return;
      button.dataset.gbReady = "1";
      button.addEventListener("click", function () { window.print(); });
    });
  }
  if (window.document$) window.document$.subscribe(setUp);
  else document.addEventListener("DOMContentLoaded", setUp);
})();

/* 关怀模式 (care mode): high contrast and larger targets, on <html data-gb-care> (gongbao.css),
 * remembered in localStorage like 字号 (main.html applies it before the first paint). */
(function () {
  "use strict";
  var KEY = "gongbao.care";
  function on() { return document.documentElement.dataset.gbCare === "1"; }
  function show(button) { button.setAttribute("aria-pressed", on() ? "true" : "false"); }
  function setUp() {
    document.querySelectorAll("[data-gb-care-control]").forEach(function (button) {
      show(button);
      if (button.dataset.gbReady) return;
      button.dataset.gbReady = "1";
      button.addEventListener("click", function () {
        if (on()) delete document.documentElement.dataset.gbCare;
        else document.documentElement.dataset.gbCare = "1";
        try {
          if (on()) localStorage.setItem(KEY, "1");
          else localStorage.removeItem(KEY);
        } catch (error) { /* storage off: for this page only */ }
        document.querySelectorAll("[data-gb-care-control]").forEach(show);
      });
    });
  }
  if (window.document$) window.document$.subscribe(setUp);
  else document.addEventListener("DOMContentLoaded", setUp);
})();

/* On a phone the document's metadata panel starts folded (its summary line gives 文号, date and
 * pages), so the text starts on the first screen; it opens for printing and on wider screens. */
(function () {
  "use strict";
  var NARROW = "(max-width: 44.984375em)";
  function setUp() {
    var fold = document.querySelector("details.gb-meta-fold");
    if (!fold || fold.dataset.gbReady) return;
    fold.dataset.gbReady = "1";
    if (window.matchMedia && window.matchMedia(NARROW).matches) fold.open = false;
  }
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details.gb-meta-fold").forEach(function (fold) { fold.open = true; });
  });
  if (window.document$) window.document$.subscribe(setUp);
  else document.addEventListener("DOMContentLoaded", setUp);
})();
