// chatexport html: a conversation page's fork switchers (show another branch without reloading) and the search
// hit from the index (#q=words): the first message with them is shown, marked and scrolled to.
(function () {
  'use strict';
  var chat = document.getElementById('chat');
  if (!chat) return;
  var msgs = Array.prototype.slice.call(chat.querySelectorAll(':scope > article.msg'));
  var parent = msgs.map(function (m) { return +m.getAttribute('data-p'); });
  var kids = {};
  var selected = {};
  msgs.forEach(function (m, i) {
    (kids[parent[i]] = kids[parent[i]] || []).push(i);
    if (!m.hidden) selected[parent[i]] = i;
  });

  function show() {
    var on = {};
    for (var at = -1, guard = 0; kids[at] && guard <= msgs.length; guard++) {
      var k = kids[at];
      var next = selected[at] !== undefined ? selected[at] : k[k.length - 1];
      on[next] = true;
      at = next;
    }
    msgs.forEach(function (m, i) { if (m.hidden === !!on[i]) m.hidden = !on[i]; });
  }

  chat.addEventListener('click', function (e) {
    var b = e.target.closest('button[data-go]');
    if (!b) return;
    var i = msgs.indexOf(b.closest('article.msg'));
    var k = kids[parent[i]];
    var j = k.indexOf(i) + (+b.getAttribute('data-go'));
    if (j < 0 || j >= k.length) return;
    selected[parent[i]] = k[j];
    show();
    var again = msgs[k[j]].querySelector('button[data-go="' + b.getAttribute('data-go') + '"]:not([disabled])')
      || msgs[k[j]].querySelector('button[data-go]:not([disabled])');
    if (again) again.focus();
  });

  function reveal(i) {
    for (var x = i, guard = 0; x >= 0 && guard <= msgs.length; x = parent[x], guard++) selected[parent[x]] = x;
    show();
  }

  var m = /^#q=(.*)$/.exec(location.hash);
  if (m) {
    var words;
    try { words = decodeURIComponent(m[1]).toLowerCase().split(/\s+/).filter(Boolean); } catch (err) { words = []; }
    for (var i = 0; i < msgs.length && words.length; i++) {
      var text = msgs[i].textContent.toLowerCase();
      if (words.every(function (w) { return text.indexOf(w) >= 0; })) {
        reveal(i);
        msgs[i].classList.add('hit');
        Array.prototype.forEach.call(msgs[i].querySelectorAll('details'), function (d) { d.open = true; });
        msgs[i].scrollIntoView({block: 'center'});
        break;
      }
    }
  }
  window.addEventListener('beforeprint', function () {
    Array.prototype.forEach.call(document.querySelectorAll('details'), function (d) { d.open = true; });
  });
})();
