/* A publisher's register (overrides/gongbao/register.html): each row's status worked out on the
 * day (status.js's rule, window.gongbaoStatusOn), then the rows filtered by status, year and
 * issuer. Without JavaScript the table shows every row with its status as of the build date. */
(function () {
  "use strict";

  function setUp() {
    var form = document.querySelector("[data-gb-register-filters]");
    if (!form) return;
    var rows = Array.prototype.slice.call(document.querySelectorAll(".gb-register tbody tr"));
    if (window.gongbaoStatusOn) {
      var day = window.gongbaoToday();
      rows.forEach(function (row) {
        var status = window.gongbaoStatusOn(JSON.parse(row.getAttribute("data-gb-status")), day);
        row.dataset.status = status;
        var badge = row.querySelector("[data-gb-status-value]");
        badge.textContent = status;
        badge.dataset.status = status;
      });
      var note = document.querySelector("[data-gb-register-today]");
      if (note) {
        note.textContent = "表中状态已按今日（" + day + "）重新计算，";
        note.hidden = false;
      }
    }
    var count = form.querySelector("[data-gb-register-count]");
    function apply() {
      var status = form.elements.status.value, year = form.elements.year.value, issuer = form.elements.issuer.value;
      var shown = 0;
      rows.forEach(function (row) {
        var keep = (!status || row.dataset.status === status) && (!year || row.dataset.year === year) &&
          (!issuer || row.dataset.issuer === issuer);
        row.hidden = !keep;
        if (keep) shown++;
      });
      count.textContent = "显示 " + shown + " / " + rows.length + " 件";
    }
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    apply();
  }

  if (document.readyState !== "loading") setUp();
  else document.addEventListener("DOMContentLoaded", setUp);
})();
