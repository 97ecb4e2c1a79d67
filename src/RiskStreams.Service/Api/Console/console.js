'use strict';
// The review console: plain DOM code, no framework, no external resources. Text is always set with textContent.
(function () {
  const tokenKey = 'riskstreams.apiToken';
  const $ = (id) => document.getElementById(id);
  let current = null;

  function token() { return sessionStorage.getItem(tokenKey) || ''; }

  function showTokenState() {
    $('token-state').textContent = token() ? 'A token is set for this tab.' : 'No token set: enter the API token first.';
  }

  async function api(path, options) {
    const headers = Object.assign({ 'Authorization': 'Bearer ' + token() }, (options && options.headers) || {});
    const response = await fetch(path, Object.assign({}, options, { headers: headers }));
    let body = null;
    try { body = await response.json(); } catch (e) { body = null; }
    return { status: response.status, body: body, retryAfter: response.headers.get('Retry-After') };
  }

  function explain(result) {
    if (result.status === 401) return 'The token was refused. Enter the API token again.';
    if (result.status === 404) return 'No such account is known to the processor.';
    if (result.status === 503) return 'The account is not available right now (' + ((result.body && result.body.error) || 'unavailable') + '). Retry in ' + (result.retryAfter || 'a few') + ' s.';
    return 'Unexpected answer ' + result.status + ((result.body && result.body.error) ? ': ' + result.body.error : '.');
  }

  function cell(row, text) { const td = document.createElement('td'); td.textContent = text == null ? '' : String(text); row.appendChild(td); }

  // Fills table #id's body with one row per item (cells from columns(item)); #empty says when there is none.
  function rows(id, empty, items, columns) {
    const body = $(id).tBodies[0];
    body.replaceChildren();
    (items || []).forEach(function (item) {
      const row = document.createElement('tr');
      columns(item).forEach(function (v) { cell(row, v); });
      body.appendChild(row);
    });
    $(id).hidden = (items || []).length === 0;
    $(empty).hidden = (items || []).length > 0;
  }

  function render(view, changes) {
    $('account-id').textContent = view.accountId;
    $('level').textContent = view.level;
    $('score').textContent = view.score == null ? 'n/a' : view.score;
    $('version').textContent = view.version;
    $('level-since').textContent = view.levelSince || '';
    $('policy-version').textContent = view.policyVersion || '';
    $('last-change').textContent = view.lastChangeId ? view.lastChangeId + (view.lastChangeAt ? ' at ' + view.lastChangeAt : '') : 'none';

    const reasons = $('reasons');
    reasons.replaceChildren();
    (view.reasons || []).forEach(function (r) {
      const li = document.createElement('li');
      const message = document.createElement('p');
      message.textContent = r.message || r.code;
      const code = document.createElement('p');
      code.className = 'evidence';
      const evidence = Object.entries(r.evidence || {}).map(function (e) { return e[0] + '=' + e[1]; }).join(', ');
      code.textContent = r.code + (r.weight != null ? ' (weight ' + r.weight + ')' : '') + (evidence ? ': ' + evidence : '');
      li.append(message, code);
      reasons.appendChild(li);
    });
    $('no-reasons').hidden = (view.reasons || []).length > 0;
    $('actions').textContent = (view.actions || []).length ? view.actions.join(', ') : 'none';

    rows('bills', 'no-bills', view.bills, function (b) {
      return [b.billId, b.state, b.daysPastDue, b.unpaidMinor, b.dueDate, b.syncPending ? 'yes' : 'no'];
    });
    rows('reviews', 'no-reviews', view.reviews, function (r) {
      return [r.reviewId, r.kind, r.outcome, r.level, r.validUntil, (r.suppressReasons || []).join(', '), r.decidedAt];
    });

    const features = $('features').tBodies[0];
    features.replaceChildren();
    Object.entries(view.features || {}).forEach(function (f) {
      const row = document.createElement('tr');
      const th = document.createElement('th');
      th.scope = 'row';
      th.textContent = f[0];
      row.appendChild(th);
      cell(row, f[1]);
      features.appendChild(row);
    });

    rows('changes', 'no-changes', changes && changes.changes, function (c) {
      return [c.changeId, c.eventTime, c.previousLevel, c.level, c.score, (c.reasons || []).join(', '), c.reviewId, c.triggeringStream];
    });

    $('account-section').hidden = false;
    $('review-section').hidden = false;
  }

  async function lookUp(accountId) {
    const path = '/accounts/' + encodeURIComponent(accountId);
    const risk = await api(path + '/risk');
    if (risk.status !== 200) {
      $('lookup-state').textContent = explain(risk);
      $('lookup-state').className = 'error';
      return null;
    }
    const changes = await api(path + '/changes');
    current = risk.body;
    render(risk.body, changes.status === 200 ? changes.body : null);
    $('lookup-state').textContent = 'Account ' + risk.body.accountId + ' is ' + risk.body.level + '.';
    $('lookup-state').className = '';
    return risk.body;
  }

  function reviewBody(form) {
    const data = new FormData(form);
    const outcome = data.get('outcome');
    const validUntil = data.get('validUntil');
    const suppress = String(data.get('suppressReasons') || '').split(',').map(function (s) { return s.trim(); }).filter(Boolean);
    return {
      accountId: current.accountId,
      reviewer: String(data.get('reviewer') || '').trim(),
      kind: data.get('kind'),
      outcome: outcome,
      level: outcome === 'OVERRIDE' ? data.get('level') : null,
      validUntil: validUntil ? new Date(validUntil + 'Z').toISOString() : null,
      suppressReasons: suppress,
      note: String(data.get('note') || '').trim() || null,
      relatedChangeId: current.lastChangeId || null,
    };
  }

  // After a decision: poll the account until its level or version moves (the processor applies the review), up to 30 s.
  async function follow(before) {
    for (let i = 0; i < 60; i++) {
      await new Promise(function (resolve) { setTimeout(resolve, 500); });
      const view = await lookUp(before.accountId);
      if (view && (view.version !== before.version || view.level !== before.level)) {
        $('review-state').textContent = 'Decision applied: the account is now ' + view.level + '.';
        return;
      }
    }
    $('review-state').textContent = 'Decision recorded; the account has not changed yet. Look it up again later.';
  }

  document.addEventListener('DOMContentLoaded', function () {
    showTokenState();
    $('token-form').addEventListener('submit', function (e) {
      e.preventDefault();
      sessionStorage.setItem(tokenKey, $('token').value);
      $('token').value = '';
      showTokenState();
    });
    $('forget-token').addEventListener('click', function () { sessionStorage.removeItem(tokenKey); showTokenState(); });
    $('lookup-form').addEventListener('submit', function (e) {
      e.preventDefault();
      $('lookup-state').textContent = 'Looking up…';
      lookUp($('account').value.trim());
    });
    document.querySelectorAll('input[name="outcome"]').forEach(function (radio) {
      radio.addEventListener('change', function () { $('override-level').disabled = !document.querySelector('input[name="outcome"][value="OVERRIDE"]').checked; });
    });
    $('review-form').addEventListener('submit', async function (e) {
      e.preventDefault();
      if (!current) return;
      const before = current;
      const result = await api('/reviews', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(reviewBody(e.target)) });
      if (result.status !== 202) {
        $('review-state').textContent = explain(result);
        $('review-state').className = 'error';
        return;
      }
      $('review-state').className = '';
      $('review-state').textContent = 'Decision ' + result.body.reviewId + ' recorded; waiting for the processor to apply it…';
      follow(before);
    });
  });
})();
