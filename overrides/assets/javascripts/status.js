/* Status on the day the page is read: a document's status (现行有效, 已修改, 已废止, 已失效,
 * 已过有效期, 尚未施行) worked out from the dates the page carries in data-gb-status (施行日期,
 * end of 有效期, dated effects on it), the same rule as builder.site.effects.status_on. The
 * page prints the status as of its build date and says so; this replaces it on screen with
 * today's, and print keeps the dated one (gongbao.css). Also 已过有效期 / 有效期内 badges. */
(function () {
  "use strict";

  function today() {
    var now = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  }

  function cnDate(iso) {
    var parts = iso.split("-");
    return parseInt(parts[0], 10) + "年" + parseInt(parts[1], 10) + "月" + parseInt(parts[2], 10) + "日";
  }

  var ENDING = { "废止": "已废止", "失效": "已失效" };

  function statusOn(data, day) {
    var events = (data.events || []).filter(function (e) { return !e.date || e.date <= day; });
    for (var i = 0; i < events.length; i++) if (ENDING[events[i].effect]) return ENDING[events[i].effect];
    if (data.effective && data.effective > day) return "尚未施行";
    if (data.valid_until && data.valid_until < day) return "已过有效期";
    for (var j = 0; j < events.length; j++) if (events[j].effect === "修改") return "已修改";
    return "现行有效";
  }

  function setUp() {
    var day = today();
    document.querySelectorAll("[data-gb-status]").forEach(function (section) {
      var data;
      try { data = JSON.parse(section.getAttribute("data-gb-status")); } catch (error) { return; }
      var value = section.querySelector("[data-gb-status-value]");
      var todayNote = section.querySelector("[data-gb-status-today]");
      if (!value || !todayNote) return;
      var status = statusOn(data, day);
      section.dataset.gbStatusDay = day;
      todayNote.textContent = status + "（按今日 " + cnDate(day) + " 计算）";
      todayNote.dataset.status = status;
      todayNote.hidden = false;
      section.classList.add("gb-status--live");
    });
  }

  window.gongbaoStatusOn = statusOn; /* the register page filters with the same rule, */
  window.gongbaoToday = today; /* on the same day */
  if (document.readyState !== "loading") setUp();
  else document.addEventListener("DOMContentLoaded", setUp);
})();
