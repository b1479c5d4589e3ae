// The self-check page: add/remove rows, show the questions the chosen city's measures need, print.
(function () {
  "use strict";
  var form = document.getElementById("selfcheck-form");

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (target.matches("[data-print]")) { window.print(); return; }
    if (!form || !form.contains(target)) { return; }
    if (target.matches("[data-remove]")) {
      event.preventDefault();
      var row = target.closest("[data-row]");
      if (row) { row.remove(); }
    } else if (target.matches("[data-add]")) {
      event.preventDefault();
      addRow(target.getAttribute("data-add"));
    }
  });

  function addRow(list) {
    var container = form.querySelector('[data-rows="' + list + '"]');
    var template = document.getElementById("row-" + list);
    if (!container || !template) { return; }
    var next = 0;
    container.querySelectorAll("[data-row]").forEach(function (row) {
      var index = parseInt(row.getAttribute("data-row").split("-").pop(), 10);
      if (!isNaN(index) && index >= next) { next = index + 1; }
    });
    var html = template.innerHTML.replace(/__i__/g, String(next));
    container.insertAdjacentHTML("beforeend", html);
    var first = container.lastElementChild && container.lastElementChild.querySelector("input, select");
    if (first) { first.focus(); }
  }

  function cityOf(code) { return code ? code.slice(0, 4) + "00" : ""; }

  function hasAnswer(block) {
    var answered = false;
    block.querySelectorAll("input, select").forEach(function (el) {
      if (el.type === "checkbox") { answered = answered || el.checked; }
      else if (el.tagName === "SELECT") { answered = answered || (el.value && el.value !== "enterprise" && el.value !== "wan"); }
      else if (el.type !== "hidden") { answered = answered || el.value.trim() !== ""; }
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

  if (form) {
    var division = form.querySelector("#division_code");
    if (division) {
      division.addEventListener("change", function () { showQuestionsFor(cityOf(division.value)); });
    }
  }
})();
