// loa serve: reloads the page after each rebuild and shows content errors
// over the page until they are fixed. Added by the preview server only.
(function () {
  "use strict";
  var base = "__BASE__";
  var version = null;
  function overlay(message) {
    var box = document.getElementById("loa-loi");
    if (!message) {
      if (box) box.remove();
      return;
    }
    if (!box) {
      box = document.createElement("section");
      box.id = "loa-loi";
      box.setAttribute("role", "alert");
      var s = box.style;
      s.position = "fixed"; s.left = "0"; s.right = "0"; s.top = "0"; s.maxHeight = "70vh";
      s.overflow = "auto"; s.zIndex = "2147483647"; s.background = "#fff4f4";
      s.color = "#600"; s.borderBottom = "4px solid #b00020"; s.padding = "1rem";
      s.font = "15px/1.5 monospace"; s.whiteSpace = "pre-wrap";
      var title = document.createElement("strong");
      title.textContent = "Nội dung có lỗi – trang dưới đây là bản dựng thành công gần nhất:";
      box.appendChild(title);
      var text = document.createElement("div");
      text.className = "loa-loi-text";
      box.appendChild(text);
      document.body.appendChild(box);
    }
    box.querySelector(".loa-loi-text").textContent = message;
  }
  function poll() {
    var url = base + "__loa/wait" + (version === null ? "" : "?v=" + version);
    fetch(url, { cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(function (s) {
        if (version !== null && s.version !== version && !s.error) {
          location.reload();
          return;
        }
        version = s.version;
        overlay(s.error);
        poll();
      })
      .catch(function () { setTimeout(poll, 1000); });
  }
  poll();
})();
