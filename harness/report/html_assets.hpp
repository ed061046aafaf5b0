#pragma once
// The style and the script of the HTML report (report/html.cpp), inlined into every page: the page
// fetches nothing (its Content-Security-Policy forbids any fetch), so it can be mailed or archived alone.
namespace mailspec::report::html_assets {

inline constexpr char const* style = R"(
body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222;background:#fff}
h1{font-size:1.4em;margin:0 0 .3em}
.meta{color:#555;margin:.2em 0}
code,pre{font-family:ui-monospace,monospace;font-size:12.5px}
[hidden]{display:none!important}
.v{display:inline-block;min-width:3.2em;text-align:center;border-radius:3px;padding:0 .4em;font-weight:600;color:#fff}
.v-pass{background:#2e7d32}.v-fail{background:#c62828}.v-warn{background:#ef6c00}
.v-info{background:#1565c0}.v-skip{background:#757575}.v-error{background:#6a1b9a}.v-none{background:#bbb}
.counts button{border:0;cursor:pointer;margin-right:.3em;font-size:14px}
.filters{margin:.8em 0;display:flex;flex-wrap:wrap;gap:.6em;align-items:center}
.filters input[type=search]{min-width:22em}
details.row{border-top:1px solid #ddd;padding:.25em 0}
details.row>summary{cursor:pointer}
details .body{margin:.4em 0 .6em 1.5em}
table.evidence td{vertical-align:top;padding:0 .6em 0 0}
pre.transcript{background:#f6f6f6;padding:.5em;overflow-x:auto;white-space:pre-wrap;word-break:break-all}
.d-c{color:#0d47a1}.d-s{color:#1b5e20}.d-i{color:#777;font-style:italic}
mark{background:#ffeb3b;color:#000;outline:1px solid #c62828}
table.compare{border-collapse:collapse}
table.compare th,table.compare td{border:1px solid #ddd;padding:.2em .5em;text-align:left;vertical-align:top}
table.compare tr.differs td:first-child{border-left:4px solid #ef6c00}
)";

inline constexpr char const* script = R"(
(function () {
  var q = function (id) { return document.getElementById(id); };
  var rows = Array.prototype.slice.call(document.querySelectorAll('.row'));
  var f = {verdict: q('f-verdict'), protocol: q('f-protocol'), rfc: q('f-rfc'), tag: q('f-tag'),
           id: q('f-id'), differs: q('f-differs')};
  function has(list, v) { return !v || (' ' + list + ' ').indexOf(' ' + v + ' ') >= 0; }
  function apply() {
    var shown = 0, s = f.id.value.trim().toLowerCase();
    rows.forEach(function (r) {
      var d = r.dataset;
      var ok = has(d.verdict, f.verdict.value) && has(d.protocol, f.protocol.value) && has(d.rfc, f.rfc.value) &&
               has(d.tags, f.tag.value) && (!s || d.id.toLowerCase().indexOf(s) >= 0) &&
               (!f.differs || !f.differs.checked || d.differs === '1');
      r.hidden = !ok;
      if (ok) shown++;
    });
    q('shown').textContent = shown + ' of ' + rows.length + ' cases shown';
  }
  Object.keys(f).forEach(function (k) {
    if (!f[k]) return;
    f[k].addEventListener('input', apply);
    f[k].addEventListener('change', apply);
  });
  Array.prototype.forEach.call(document.querySelectorAll('[data-pick]'), function (b) {
    b.addEventListener('click', function () { f.verdict.value = b.getAttribute('data-pick'); apply(); });
  });
  apply();
})();
)";

}  // namespace mailspec::report::html_assets
