// chatexport html: the index's filters and full-text search. The search index (search.js) is a script, loaded
// when the search box is first used, so that it works from file:// (where a page may not fetch files).
(function () {
  'use strict';
  var rows = Array.prototype.slice.call(document.querySelectorAll('#list > li'));
  var links = rows.map(function (r) { return r.querySelector('a'); });
  var hrefs = links.map(function (a) { return a.getAttribute('href'); });
  var titles = links.map(function (a) { return a.textContent.toLowerCase(); });
  var from = rows.map(function (r) { return r.getAttribute('data-from'); });
  var to = rows.map(function (r) { return r.getAttribute('data-to'); });
  var keys = rows.map(function (r) { return +r.getAttribute('data-k'); });
  var deleted = rows.map(function (r) { return r.hasAttribute('data-deleted'); });
  var $ = function (id) { return document.getElementById(id); };
  var title = $('title'), query = $('q'), since = $('from'), until = $('to'), del = $('deleted');
  var count = $('count'), none = $('none');
  var loading = false;

  function tokens(text) {
    return text.toLowerCase().split(/[^\p{L}\p{N}\p{M}]+/u).filter(function (t) { return t.length > 0; });
  }

  function loadSearch() {
    if (window.chatexportSearch || loading) return;
    loading = true;
    count.textContent = 'Loading the search index\u2026';
    var s = document.createElement('script');
    s.src = 'site/search.js';
    s.onload = apply;
    s.onerror = function () { count.textContent = 'The search index (site/search.js) could not be loaded.'; };
    document.body.appendChild(s);
  }

  function apply() {
    var t = title.value.trim().toLowerCase();
    var q = tokens(query.value);
    var a = since.value, b = until.value;
    var d = del ? del.value : '';
    var data = window.chatexportSearch;
    if (q.length > 0 && !data) { loadSearch(); return; }
    var shown = 0;
    var hash = q.length > 0 ? '#q=' + encodeURIComponent(q.join(' ')) : '';
    for (var i = 0; i < rows.length; i++) {
      var ok = (t === '' || titles[i].indexOf(t) >= 0)
        && (a === '' || to[i] === '' || to[i] >= a)
        && (b === '' || from[i] === '' || from[i] <= b)
        && (d === '' || (d === 'only') === deleted[i]);
      if (ok && q.length > 0) {
        var words = data[keys[i]] || '';
        for (var j = 0; j < q.length && ok; j++) ok = words.indexOf(q[j]) >= 0;
      }
      if (rows[i].hidden === ok) rows[i].hidden = !ok;
      var href = hrefs[i] + hash;
      if (links[i].getAttribute('href') !== href) links[i].setAttribute('href', href);
      if (ok) shown++;
    }
    count.textContent = (shown === rows.length ? '' : shown.toLocaleString('en') + ' of ')
      + rows.length.toLocaleString('en') + (rows.length === 1 ? ' conversation' : ' conversations');
    none.hidden = shown > 0;
  }

  var timer = 0;
  function later() { clearTimeout(timer); timer = setTimeout(apply, 80); }
  title.addEventListener('input', later);
  query.addEventListener('input', later);
  query.addEventListener('focus', loadSearch);
  since.addEventListener('change', apply);
  until.addEventListener('change', apply);
  if (del) del.addEventListener('change', apply);
  $('filters').addEventListener('submit', function (e) { e.preventDefault(); apply(); });
  if (title.value || query.value || since.value || until.value || (del && del.value)) apply();
})();
