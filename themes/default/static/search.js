// loa search: loads the index built by `loa build` (tim-kiem/) piece by
// piece, only when someone searches. Words are folded as the index folds
// them: decomposed, marks dropped, đ → d, lowercase.
(function () {
  "use strict";
  var form = document.querySelector("form[data-search]");
  if (!form) return;
  var base = form.getAttribute("data-index");
  var input = form.querySelector("input[type=search]");
  var status = document.querySelector("[data-search-status]");
  var list = document.querySelector("[data-search-results]");
  var more = document.querySelector("[data-search-more]");
  var PAGE = 10;
  var cache = {};
  var manifest = null;
  var shown = 0;
  var ranked = [];
  var words = [];

  // As the index folds (text.rs): Latin diacritics dropped, đ as d, lower
  // case; the marks of other scripts (a Khmer vowel sign) kept in the word.
  // English keeps đ (search.rs keeps_d); Vietnamese and Tày, Nùng… fold it.
  var foldD = !/^en(-|$)/.test(document.documentElement.lang || "vi");
  function fold(s) {
    s = s.normalize("NFD").replace(/[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g, "");
    return (foldD ? s.replace(/[đĐ]/g, "d") : s).toLowerCase();
  }
  function tokens(s) {
    return fold(s).split(/[^\p{L}\p{N}\p{M}]+/u).filter(Boolean);
  }
  // Opened from disk (an offline copy), browsers refuse fetch(): the index
  // comes as scripts that call window.__loaSearch(path, data).
  var fromDisk = location.protocol === "file:";
  var pending = {};
  window.__loaSearch = function (path, data) {
    if (pending[path]) { pending[path](data); delete pending[path]; }
  };
  function load(path) {
    return new Promise(function (ok, fail) {
      pending[path] = ok;
      var script = document.createElement("script");
      script.src = base + path.replace(/\.json$/, ".js");
      script.onerror = function () { fail(new Error(path)); };
      document.head.appendChild(script);
    });
  }
  function get(path) {
    if (!cache[path]) {
      cache[path] = fromDisk ? load(path) : fetch(base + path).then(function (r) {
        if (!r.ok) throw new Error(r.status + " " + path);
        return r.json();
      });
    }
    return cache[path];
  }
  function chunkFor(term) {
    var firsts = manifest.chunks, lo = 0, hi = firsts.length - 1, at = -1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (firsts[mid] <= term) { at = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    return at;
  }
  function decode(encoded) {
    var out = [], id = 0;
    encoded.split(";").forEach(function (p) {
      var parts = p.split(",");
      id += parseInt(parts[0], 36);
      out.push([id, parseInt(parts[1], 10)]);
    });
    return out;
  }
  // Postings of one exact term, or of every term starting with it.
  function postings(term, prefix) {
    var at = chunkFor(term);
    var wanted = [at < 0 ? 0 : at];
    if (prefix && at + 1 < manifest.chunks.length && manifest.chunks[at + 1].indexOf(term) === 0) wanted.push(at + 1);
    return Promise.all(wanted.map(function (n) { return get("c/" + n + ".json"); })).then(function (chunks) {
      var found = {};
      chunks.forEach(function (chunk) {
        Object.keys(chunk).forEach(function (t) {
          var hit = prefix ? (t.indexOf(term) === 0 && t.indexOf(" ") < 0) : t === term;
          if (!hit) return;
          decode(chunk[t]).forEach(function (p) { found[p[0]] = Math.max(found[p[0]] || 0, p[1]); });
        });
      });
      return found;
    });
  }
  function filters() {
    var kinds = Array.prototype.map.call(form.querySelectorAll("input[name=loai]:checked"), function (i) { return i.value; });
    var topic = form.querySelector("select[name=chu-de]");
    return { kinds: kinds, topic: topic ? topic.value : "" };
  }

  function search(query) {
    words = tokens(query);
    list.textContent = "";
    more.hidden = true;
    if (!words.length) { status.textContent = ""; return; }
    status.textContent = "Đang tìm…";
    var typing = !/\s$/.test(query);
    get("chi-muc.json").then(function (m) {
      manifest = m;
      var lookups = words.map(function (w, i) { return postings(w, typing && i === words.length - 1); });
      var pairs = [];
      for (var i = 0; i + 1 < words.length; i++) pairs.push(postings(words[i] + " " + words[i + 1], false));
      var f = filters();
      var needFilters = f.kinds.length || f.topic;
      return Promise.all([Promise.all(lookups), Promise.all(pairs), needFilters ? get("loc.json") : null]).then(function (r) {
        var lists = r[0], pairLists = r[1], loc = r[2];
        var scores = {};
        Object.keys(lists[0]).forEach(function (id) {
          if (!lists.every(function (l) { return l[id]; })) return;
          var s = 0;
          lists.forEach(function (l) { s += l[id] * Math.log(1 + manifest.documents / Object.keys(l).length); });
          pairLists.forEach(function (l) { if (l[id]) s += 5 * l[id]; });
          // A weight of 10 or more means "in the title": a title that holds
          // every word, each next to the next, holds the query as a phrase
          // and comes before pages that only mention it.
          var titled = function (l) { return (l[id] || 0) >= 10; };
          if (lists.every(titled) && pairLists.every(titled)) s += 1000;
          scores[id] = s;
        });
        var ids = Object.keys(scores).map(Number);
        if (loc) {
          var kindKeys = manifest.kinds.map(function (k) { return k.key; });
          var allKinds = ["bai-viet", "ke-hoach", "nhiem-vu", "don-vi", "chien-dich"];
          var topicIndex = manifest.topics.map(function (t) { return t.key; }).indexOf(f.topic);
          ids = ids.filter(function (id) {
            var okKind = !f.kinds.length || f.kinds.indexOf(allKinds[loc.k[id]]) >= 0;
            var okTopic = !f.topic || loc.p[id].indexOf(topicIndex) >= 0;
            return okKind && okTopic && kindKeys.length >= 0;
          });
        }
        ranked = ids.sort(function (a, b) { return scores[b] - scores[a] || a - b; });
        shown = 0;
        status.textContent = ranked.length
          ? "Tìm thấy " + ranked.length + " kết quả cho “" + query.trim() + "”."
          : "Không tìm thấy kết quả nào cho “" + query.trim() + "”. Hãy thử từ khác, hoặc tra cứu theo danh mục bên dưới.";
        return showMore();
      });
    }).catch(function () {
      status.textContent = "Không tải được dữ liệu tìm kiếm (trình duyệt có thể chặn khi mở trang từ ổ đĩa). Hãy tra cứu theo danh mục bên dưới.";
    });
  }

  function showMore() {
    var next = ranked.slice(shown, shown + PAGE);
    shown += next.length;
    more.hidden = shown >= ranked.length;
    // Documents come eight to a file: d/<n>.json holds ids 8n to 8n + 7.
    return Promise.all(next.map(function (id) {
      return get("d/" + Math.floor(id / 8) + ".json").then(function (bundle) { return bundle[id % 8]; });
    })).then(function (docs) {
      docs.forEach(function (d) {
        var li = document.createElement("li");
        var kind = document.createElement("span");
        kind.className = "search-kind";
        var name = manifest.kinds.filter(function (k) { return k.key === d.k; })[0];
        kind.textContent = name ? name.name : d.k;
        var a = document.createElement("a");
        a.href = rootHref(d.u);
        a.textContent = d.t;
        var p = document.createElement("p");
        snippet(d.x, p);
        li.appendChild(kind);
        li.appendChild(document.createTextNode(" "));
        li.appendChild(a);
        li.appendChild(p);
        list.appendChild(li);
      });
    });
  }

  // Site paths are relative to the site root; the index sits one folder below it.
  function rootHref(path) {
    var href = base + "../" + path;
    // From disk, a folder does not open its index.html by itself.
    return fromDisk ? href.replace(/\/(#|$)/, "/index.html$1") : href;
  }

  // About 200 characters around the first word found, words in <mark>.
  function snippet(text, into) {
    var folded = "", map = [];
    for (var i = 0; i < text.length; i++) {
      var f = fold(text[i]);
      for (var j = 0; j < f.length; j++) { folded += f[j]; map.push(i); }
    }
    var first = -1;
    words.forEach(function (w) {
      var at = folded.search(new RegExp("(^|[^\\p{L}\\p{N}])" + w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "u"));
      if (at >= 0 && (first < 0 || at < first)) first = at;
    });
    var start = first < 0 ? 0 : Math.max(0, map[first] - 60);
    var piece = text.slice(start, start + 220);
    if (start > 0) into.appendChild(document.createTextNode("… "));
    var foldedPiece = fold(piece);
    var marks = [];
    words.forEach(function (w) {
      var re = new RegExp(w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "gu"), m;
      while ((m = re.exec(foldedPiece))) marks.push([m.index, m.index + w.length]);
    });
    // Folding keeps one character per character for Vietnamese text, so
    // positions in the folded piece are positions in the piece.
    marks.sort(function (a, b) { return a[0] - b[0]; });
    var pos = 0;
    marks.forEach(function (m) {
      if (m[0] < pos || foldedPiece.length !== piece.length) return;
      into.appendChild(document.createTextNode(piece.slice(pos, m[0])));
      var mark = document.createElement("mark");
      mark.textContent = piece.slice(m[0], m[1]);
      into.appendChild(mark);
      pos = m[1];
    });
    into.appendChild(document.createTextNode(piece.slice(pos) + (start + 220 < text.length ? " …" : "")));
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var params = new URLSearchParams(new FormData(form));
    history.replaceState(null, "", "?" + params.toString());
    search(input.value);
  });
  form.addEventListener("change", function () { if (input.value) search(input.value); });
  more.querySelector("button").addEventListener("click", showMore);
  var params = new URLSearchParams(location.search);
  params.getAll("loai").forEach(function (k) {
    var box = form.querySelector("input[name=loai][value='" + k.replace(/[^a-z-]/g, "") + "']");
    if (box) box.checked = true;
  });
  var topic = form.querySelector("select[name=chu-de]");
  if (topic && params.get("chu-de")) topic.value = params.get("chu-de");
  // Filters in the address (a shared search) are shown, not left folded.
  var filterBox = form.querySelector("[data-search-filters]");
  if (filterBox && (params.getAll("loai").length || params.get("chu-de"))) filterBox.open = true;
  if (params.get("q")) {
    input.value = params.get("q");
    search(input.value + " ");
  }
})();
