// The self-check pages: rows added and removed in place, amounts read back as typed, sectors filtered, the error
// summary focused, the questions the chosen city's measures need, print. Without JavaScript the page still works:
// rows are edited with checkboxes and the "更新表格" button, and the server reads every amount back.
(function () {
  "use strict";
  var form = document.getElementById("selfcheck-form");

  // --- amounts: the same reading as the server's parse_amount (万元 unless the text says 元, 万 or 亿) ---------------
  var UNITS = [["亿元", 8], ["亿", 8], ["万元", 4], ["万", 4], ["元", 0]];
  var YI = BigInt("100000000"), WAN = BigInt("10000"), ZERO = BigInt(0);

  function readAmount(text) {
    var s = String(text || "").replace(/\s+/g, "").replace(/[,\uff0c]/g, "");
    if (!s) { return null; }
    var power = 4;
    for (var i = 0; i < UNITS.length; i++) {
      if (s.slice(-UNITS[i][0].length) === UNITS[i][0]) { s = s.slice(0, -UNITS[i][0].length); power = UNITS[i][1]; break; }
    }
    var m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(s);
    if (!m || (!m[2] && !m[3])) { return { problem: "无法识别为金额,请填写数字" }; }
    if (m[2].replace(/^0+/, "").length > 15) { return { problem: "金额位数过多,请核对" }; }
    var whole = m[2] || "0", fraction = m[3] || "", digits = whole + fraction, shift = power - fraction.length;
    if (shift < 0) {
      if (/[^0]/.test(digits.slice(shift))) { return { problem: "金额最多精确到元" }; }
      digits = digits.slice(0, shift) || "0";
    } else {
      digits += new Array(shift + 1).join("0");
    }
    var yuan = BigInt(digits);
    return { yuan: m[1] === "-" ? -yuan : yuan, power: power, whole: fraction.replace(/0+$/, "") ? null : whole };
  }

  function inUnit(yuan, unit) {
    var whole = yuan / unit, rest = yuan % unit;
    if (rest === ZERO) { return whole.toString(); }
    var places = unit.toString().length - 1;
    return whole.toString() + "." + rest.toString().padStart(places, "0").replace(/0+$/, "");
  }

  function formatYuan(yuan) {
    var sign = yuan < ZERO ? "-" : "", size = yuan < ZERO ? -yuan : yuan;
    if (size >= YI) { return sign + inUnit(size, YI) + "亿元"; }
    if (size >= WAN) { return sign + inUnit(size, WAN) + "万元"; }
    return sign + size.toString() + "元";
  }

  function readBack(input) {
    var box = document.querySelector('[data-readback="' + input.id + '"]');
    if (!box) { return; }
    var value = box.querySelector(".readback-value"), warning = box.querySelector(".amount-warning");
    var read = readAmount(input.value), text = "", warn = "";
    if (read && read.problem) {
      text = read.problem;
    } else if (read) {
      text = "= " + formatYuan(read.yuan);
      var limit = BigInt(form.getAttribute("data-implausible-yuan") || "100000000000");
      if ((read.yuan < ZERO ? -read.yuan : read.yuan) >= limit) {
        warn = "金额异常大,请核对单位:本栏按万元填写";
        if (read.power === 4 && read.whole !== null) {
          warn += ";如果 " + read.whole.replace(/^0+(?=\d)/, "") + " 是按元计的金额,应填 " + inUnit(BigInt(read.whole), WAN);
        }
      }
    }
    if (value.textContent !== text) { value.textContent = text; }
    warning.textContent = warn;
    warning.hidden = !warn;
  }

  // --- rows ---------------------------------------------------------------------------------------------------
  var status = null;
  function announce(text) {
    if (!status) {
      status = document.createElement("p");
      status.className = "visually-hidden";
      status.setAttribute("aria-live", "polite");
      document.body.appendChild(status);
    }
    status.textContent = text;
  }

  function addRow(list) {
    var container = form.querySelector('[data-rows="' + list + '"]');
    var template = document.getElementById("row-" + list);
    if (!container || !template) { return; }
    var next = 0;
    container.querySelectorAll("[data-row]").forEach(function (row) {
      var index = parseInt(row.getAttribute("data-row").split("-").pop(), 10);
      if (!isNaN(index) && index >= next) { next = index + 1; }
    });
    container.insertAdjacentHTML("beforeend", template.innerHTML.replace(/__i__/g, String(next)));
    var first = container.lastElementChild && container.lastElementChild.querySelector("input, select");
    if (first) { first.focus(); }
    announce("已增加一行");
  }

  function removeRow(button) {
    var row = button.closest("[data-row]");
    if (!row) { return; }
    var container = row.parentNode, after = row.nextElementSibling;
    row.remove();
    var target = (after && after.querySelector("input, select")) ||
      container.parentNode.querySelector("[data-add]");
    if (target) { target.focus(); }
    announce("已删除一行");
  }

  // --- sectors: collapsed, filtered by name, the count of those ticked ------------------------------------------
  function sectorCount() {
    var count = form.querySelector("[data-sector-count]");
    if (count) { count.textContent = "已选 " + form.querySelectorAll('input[name="sector_tags"]:checked').length + " 个"; }
  }

  function filterSectors(input) {
    var words = input.value.trim(), shown = 0;
    form.querySelectorAll(".checks li").forEach(function (item) {
      var match = !words || item.textContent.indexOf(words) >= 0;
      item.hidden = !match;
      if (match) { shown += 1; }
    });
    var note = form.querySelector("[data-sector-status]");
    if (note) { note.textContent = words ? "找到 " + shown + " 个领域" : ""; }
  }

  // --- which questions the chosen city's measures need --------------------------------------------------------
  function cityOf(code) { return code ? code.slice(0, 4) + "00" : ""; }

  function hasAnswer(block) {
    var answered = false;
    block.querySelectorAll("input, select").forEach(function (el) {
      if (el.type === "checkbox") { answered = answered || el.checked; }
      else if (el.tagName === "SELECT") { answered = answered || (el.value && el.value !== "enterprise"); }
      else if (el.type !== "hidden" && el.type !== "search") { answered = answered || el.value.trim() !== ""; }
    });
    return answered;
  }

  function showQuestionsFor(city) {
    var questions = JSON.parse(form.getAttribute("data-questions") || "{}");
    form.querySelectorAll("[data-question]").forEach(function (block) {
      var key = block.getAttribute("data-question");
      if (["name", "credit_code", "division_code", "as_of"].indexOf(key) >= 0) { return; }
      var byCity = questions[key] || {};
      block.hidden = Boolean(city) && !byCity[city] && !hasAnswer(block);
    });
    form.querySelectorAll("[data-why]").forEach(function (why) {
      var any = false;
      why.querySelectorAll("[data-city]").forEach(function (part) {
        var show = !city || part.getAttribute("data-city") === city;
        part.hidden = !show;
        any = any || show;
      });
      var none = why.querySelector("[data-why-none]");
      if (none) { none.hidden = any; }
    });
  }

  // --- the error summary: focused on arrival, each link takes the cursor to its field -------------------------------
  function focusField(id) {
    var field = document.getElementById(id);
    if (!field) { return false; }
    var folded = field.closest("details");
    if (folded) { folded.open = true; }
    var block = field.closest("[data-question]");
    if (block) { block.hidden = false; }
    var label = document.querySelector('label[for="' + id + '"]');
    field.focus({ preventScroll: true });
    (label || field).scrollIntoView({ block: "center" });
    return true;
  }

  var summary = document.querySelector("[data-error-summary]");
  if (summary && document.activeElement !== summary) { summary.focus(); }

  document.addEventListener("click", function (event) {
    var target = event.target.closest("button, a");
    if (!target) { return; }
    if (target.matches("[data-print]")) { window.print(); return; }
    if (target.matches("[data-focus]")) {
      if (focusField(target.getAttribute("data-focus"))) { event.preventDefault(); }
      return;
    }
    if (!form || !form.contains(target)) { return; }
    if (target.matches("[data-remove]")) { event.preventDefault(); removeRow(target); }
    else if (target.matches("[data-add]")) { event.preventDefault(); addRow(target.getAttribute("data-add")); }
  });

  if (!form) { return; }

  form.addEventListener("input", function (event) {
    var target = event.target;
    if (target.matches("[data-sector-filter]")) { filterSectors(target); }
    else if (target.id && document.querySelector('[data-readback="' + target.id + '"]')) { readBack(target); }
  });
  form.addEventListener("change", function (event) {
    if (event.target.name === "sector_tags") { sectorCount(); }
  });
  form.addEventListener("keydown", function (event) {
    // Enter in the sector filter filters; everywhere else Enter submits, and the form's first button is 测算.
    if (event.key === "Enter" && event.target.matches("[data-sector-filter]")) { event.preventDefault(); }
  });
  form.querySelectorAll("[data-readback]").forEach(function (box) {
    var input = document.getElementById(box.getAttribute("data-readback"));
    if (input && input.value) { readBack(input); }
  });

  var division = form.querySelector("#division_code");
  if (division) {
    division.addEventListener("change", function () { showQuestionsFor(cityOf(division.value)); });
  }
})();
