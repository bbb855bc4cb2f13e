/**
 * The dashboard's browser script (plain ES2020, no build step). It polls `/api/demo/state` every
 * second, renders health, the viewer's quota with a reset countdown, counts per route and recent
 * decisions, and fires bursts at a chosen route. Kept free of template literals so it can live in
 * this string.
 */
export const DASHBOARD_SCRIPT = `
(function () {
  'use strict';
  var BODIES = {
    message: { userText: 'burst from the dashboard', userId: 'dashboard', element: 'air' },
    login: { email: 'dashboard@example.com', password: 'wrong' },
    write: { name: 'burst item' },
  };
  var state = null;
  var receivedAt = 0;
  var retryUntil = 0;
  var $ = function (id) { return document.getElementById(id); };

  function text(id, value) { $(id).textContent = value; }

  function cell(row, cls, value) {
    var td = document.createElement('td');
    if (cls) td.className = cls;
    if (value instanceof Node) td.appendChild(value); else td.textContent = String(value);
    row.appendChild(td);
    return td;
  }

  function countsOf(route) {
    var c = (state.feed.routes || {})[route] || {};
    return { allowed: c.allowed || 0, limited: c.limited || 0, fallback: (c.fallback || 0) + (c.unavailable || 0) };
  }

  function secondsLeft(entry) {
    if (entry.resetInMs === null) return null;
    return Math.max(0, Math.ceil((receivedAt + entry.resetInMs - Date.now()) / 1000));
  }

  function renderHealth() {
    var h = state.health;
    text('server', state.server + ' · ' + state.instance);
    text('store-backend', h.backend + (h.shared ? ' (shared)' : ' (this process only)'));
    text('store-description', h.description);
    var badge = $('health-status');
    badge.textContent = h.status + ' · HTTP ' + state.healthStatus;
    badge.className = 'badge status-' + h.status;
    text('store-latency', h.latencyMs === null ? 'n/a' : h.latencyMs.toFixed(2) + ' ms');
    text('store-circuit', h.circuit);
    text('store-policy', h.policy);
    text('store-fallback', h.fallbackActive ? 'yes — limits are per instance' : 'no');
  }

  function renderRoutes() {
    var body = $('routes');
    body.textContent = '';
    state.quota.forEach(function (entry) {
      var row = document.createElement('tr');
      row.dataset.route = entry.route;
      cell(row, '', entry.method + ' ' + entry.path);
      cell(row, 'muted', entry.description);
      cell(row, 'num remaining', entry.remaining === null ? '?' : entry.remaining + ' / ' + entry.limit);
      var bar = document.createElement('div');
      bar.className = 'bar';
      var fill = document.createElement('span');
      fill.style.width = (entry.remaining === null ? 0 : (100 * entry.remaining) / entry.limit) + '%';
      bar.appendChild(fill);
      cell(row, '', bar);
      cell(row, 'num countdown', '');
      var counts = countsOf(entry.route);
      cell(row, 'num allowed', counts.allowed);
      cell(row, 'num limited', counts.limited);
      cell(row, 'num fallback', counts.fallback);
      body.appendChild(row);
    });
    tick();
  }

  function renderRecent() {
    var list = $('recent');
    list.textContent = '';
    state.feed.recent.slice(0, 15).forEach(function (d) {
      var li = document.createElement('li');
      li.className = d.outcome;
      var when = new Date(d.at).toLocaleTimeString();
      var wait = d.retryAfterMs > 0 ? ', retry in ' + Math.ceil(d.retryAfterMs / 1000) + ' s' : '';
      li.textContent = when + '  ' + d.route + '  ' + d.outcome + '  (' + d.rule + ': ' + d.remaining + '/' + d.limit + ' left' + wait + ')';
      list.appendChild(li);
    });
  }

  function renderSelect() {
    var select = $('burst-route');
    if (select.options.length > 0) return;
    state.quota.forEach(function (entry) {
      var option = document.createElement('option');
      option.value = entry.route;
      option.textContent = entry.route + ' — ' + entry.method + ' ' + entry.path + ' (' + entry.description + ')';
      select.appendChild(option);
    });
  }

  function tick() {
    if (!state) return;
    state.quota.forEach(function (entry) {
      var row = document.querySelector('tr[data-route="' + entry.route + '"] .countdown');
      if (!row) return;
      var left = secondsLeft(entry);
      row.textContent = left === null ? '?' : entry.remaining === entry.limit ? '—' : left + ' s';
    });
    var retry = Math.ceil((retryUntil - Date.now()) / 1000);
    $('retry').hidden = retry <= 0;
    text('retry-seconds', String(Math.max(0, retry)));
  }

  function refresh() {
    return fetch('/api/demo/state', { cache: 'no-store' })
      .then(function (res) { return res.json(); })
      .then(function (next) {
        state = next;
        receivedAt = Date.now();
        renderSelect();
        renderHealth();
        renderRoutes();
        renderRecent();
      })
      .catch(function (error) { text('server', 'cannot reach the server: ' + error.message); });
  }

  // Each request of a burst goes to the server once: with the HTTP cache in play, Chromium may send
  // a concurrent GET for the same URL twice (its cache lock), and the page would count one fewer.
  function fire(entry) {
    var init = { method: entry.method, headers: {}, cache: 'no-store' };
    var payload = BODIES[entry.route];
    if (entry.method !== 'GET' && payload) {
      init.headers['content-type'] = 'application/json';
      init.body = JSON.stringify(payload);
    }
    return fetch(entry.path, init).then(function (res) {
      var retryAfter = Number(res.headers.get('retry-after') || 0);
      if (res.body) res.body.cancel().catch(function () {});
      return { status: res.status, retryAfter: retryAfter };
    }, function () { return { status: 0, retryAfter: 0 }; });
  }

  function burst() {
    if (!state) return;
    var route = $('burst-route').value;
    var entry = state.quota.filter(function (q) { return q.route === route; })[0];
    var count = Math.min(200, Math.max(1, Number($('burst-count').value) || 15));
    var button = $('burst');
    button.disabled = true;
    text('burst-result', 'Sending ' + count + ' requests to ' + entry.path + '…');
    var sends = [];
    for (var i = 0; i < count; i++) sends.push(fire(entry));
    Promise.all(sends).then(function (results) {
      var byStatus = {};
      var wait = 0;
      results.forEach(function (r) {
        byStatus[r.status] = (byStatus[r.status] || 0) + 1;
        if (r.status === 429) wait = Math.max(wait, r.retryAfter);
      });
      if (wait > 0) retryUntil = Date.now() + wait * 1000;
      var parts = Object.keys(byStatus).map(function (s) { return byStatus[s] + ' × ' + s; });
      text('burst-result', count + ' sent to ' + entry.route + ': ' + parts.join(', '));
      tick();
      button.disabled = false;
      return refresh();
    });
  }

  $('burst').addEventListener('click', burst);
  refresh();
  setInterval(refresh, 1000);
  setInterval(tick, 250);
})();
`;
