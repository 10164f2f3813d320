/**
 * The review page's script (inline, no network). The page works without it; it adds keyboard
 * navigation (j/k or n/p: next/previous page, l: next leak, s: the section list, ?: the keys) and
 * loads every lazy image before printing.
 */
export const REVIEW_SCRIPT = `
(function () {
  'use strict';
  function visit(list, step) {
    if (!list.length) return;
    var y = window.scrollY + 8, i;
    if (step > 0) { for (i = 0; i < list.length && list[i].getBoundingClientRect().top + window.scrollY <= y; i++); }
    else { for (i = list.length - 1; i >= 0 && list[i].getBoundingClientRect().top + window.scrollY >= y - 16; i--); }
    var t = list[Math.max(0, Math.min(list.length - 1, i))];
    t.scrollIntoView({ block: 'start' });
    t.focus({ preventScroll: true });
  }
  var leakAt = -1;
  document.addEventListener('keydown', function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    var tag = (e.target && e.target.tagName) || '';
    if (/^(INPUT|TEXTAREA|SELECT)$/.test(tag)) return;
    var pages = Array.prototype.slice.call(document.querySelectorAll('section.page > h2'));
    var leaks = Array.prototype.slice.call(document.querySelectorAll('li.leak'));
    switch (e.key) {
      case 'j': case 'n': visit(pages, 1); break;
      case 'k': case 'p': visit(pages, -1); break;
      case 'l':
        if (!leaks.length) return;
        leakAt = (leakAt + 1) % leaks.length;
        leaks[leakAt].scrollIntoView({ block: 'center' });
        leaks[leakAt].focus({ preventScroll: true });
        break;
      case 's': var first = document.querySelector('nav.toc a'); if (first) first.focus(); break;
      case '?': var k = document.getElementById('keys'); if (k) k.hidden = !k.hidden; break;
      default: return;
    }
    e.preventDefault();
  });
  window.addEventListener('beforeprint', function () {
    Array.prototype.forEach.call(document.querySelectorAll('img[loading="lazy"]'), function (img) { img.loading = 'eager'; });
  });
})();
`;

/** The batch index's script: sortable columns (click a header; again to reverse). */
export const INDEX_SCRIPT = `
(function () {
  'use strict';
  var table = document.getElementById('files');
  if (!table) return;
  var body = table.tBodies[0];
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, col) {
    var b = th.querySelector('button');
    if (!b) return;
    b.addEventListener('click', function () {
      var asc = th.getAttribute('aria-sort') !== 'ascending';
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (c) { c.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
      var num = th.classList.contains('num');
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.cells[col].getAttribute('data-v'), y = b.cells[col].getAttribute('data-v');
        var d = num ? (Number(x === '' ? -1 : x) - Number(y === '' ? -1 : y)) : (x < y ? -1 : x > y ? 1 : 0);
        return asc ? d : -d;
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
})();
`;
