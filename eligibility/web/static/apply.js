// The application page: copy the private link, and check chosen files before they are sent (type by name, size),
// so a file the server would refuse is named beside its field at once. Without JavaScript the link is selectable
// text and the server checks every file (by its content) and says what it refused.
(function () {
  "use strict";
  var ENDINGS = [".pdf", ".jpg", ".jpeg", ".png", ".ofd"];

  function megabytes(bytes) { return Math.round(bytes / 1024 / 1024) + " MB"; }

  function copied(id, text) {
    var status = document.getElementById(id + "-status");
    if (status) { status.textContent = text; }
  }

  function copy(button) {
    var id = button.getAttribute("data-copy"), field = document.getElementById(id);
    if (!field) { return; }
    field.focus();
    field.select();
    var done = function () { copied(id, "已复制,请粘贴到安全的地方保存"); };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(done, function () {
        copied(id, document.execCommand("copy") ? "已复制" : "请按 Ctrl+C(手机上长按)复制已选中的链接");
      });
    } else {
      copied(id, document.execCommand("copy") ? "已复制,请粘贴到安全的地方保存" : "请按 Ctrl+C(手机上长按)复制已选中的链接");
    }
  }

  function problemsOf(input) {
    var limit = Number(input.getAttribute("data-max-bytes") || 0), problems = [];
    Array.prototype.forEach.call(input.files || [], function (file) {
      var name = file.name.toLowerCase();
      if (!ENDINGS.some(function (end) { return name.slice(-end.length) === end; })) {
        problems.push("“" + file.name + "”不是可接受的文件类型:只接受 PDF、JPG、PNG、OFD 文件");
      } else if (limit && file.size > limit) {
        problems.push("“" + file.name + "”超过" + megabytes(limit) + ",请压缩或拆分后上传");
      } else if (file.size === 0) {
        problems.push("“" + file.name + "”是空文件,请重新选择");
      }
    });
    return problems;
  }

  function showProblems(input) {
    var id = input.id + "-problem", note = document.getElementById(id), problems = problemsOf(input);
    if (!note && problems.length) {
      note = document.createElement("p");
      note.className = "error";
      note.id = id;
      input.insertAdjacentElement("afterend", note);
    }
    if (note) {
      note.textContent = problems.join(";");
      note.hidden = !problems.length;
    }
    var described = (input.getAttribute("aria-describedby") || "").split(" ").filter(function (x) { return x && x !== id; });
    if (problems.length) { described.push(id); }
    input.setAttribute("aria-describedby", described.join(" "));
    input.setAttribute("aria-invalid", problems.length ? "true" : "false");
    input.setCustomValidity(problems.join(";"));
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy]");
    if (button) { copy(button); }
  });

  document.addEventListener("change", function (event) {
    if (event.target.matches && event.target.matches("input[type=file][data-max-bytes]")) { showProblems(event.target); }
  });

  document.addEventListener("submit", function (event) {
    var form = event.target, limit = Number(form.getAttribute("data-max-request-bytes") || 0);
    if (!limit || !form.id) { return; }
    var total = 0, any = false;
    document.querySelectorAll('input[type=file][form="' + form.id + '"]').forEach(function (input) {
      Array.prototype.forEach.call(input.files || [], function (file) { total += file.size; any = true; });
    });
    var note = form.querySelector("[data-files-error]");
    var problem = "";
    if (total > limit) { problem = "所选文件合计超过 " + megabytes(limit) + ",请分次上传"; }
    else if (!any && !form.querySelector("textarea")) { problem = "请先在上方选择要上传的文件"; }
    if (note) { note.textContent = problem; note.hidden = !problem; }
    if (problem) {
      event.preventDefault();
      if (note) { note.setAttribute("role", "alert"); }
    }
  });
})();
