/**
 * The pages' one script, served by the Worker as /assets/app.js under a strict CSP (no inline code, no eval, no
 * framework). Everything it does is an improvement: every page works without it.
 * - #request-form: live pre-check. On input (debounced) it posts the form's fields as JSON to POST /api/v1/evaluate
 *   and renders the decision into #precheck-body, the same markup the server renders for the "预检" button.
 * - fieldset[data-select-all]: a button that ticks every community of one street.
 * - form[data-confirm]: asks before submitting (withdraw, exit).
 * - button[data-copy]: copies a reply text to the clipboard.
 * Written as plain ES2017 in a string: keep it free of backticks and dollar-brace sequences.
 */
export const APP_SCRIPT = String.raw`
(function () {
  'use strict';

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  /* Confirmation before final moves. */
  document.addEventListener('submit', function (event) {
    var form = event.target;
    var question = form && form.getAttribute && form.getAttribute('data-confirm');
    if (question && !window.confirm(question)) event.preventDefault();
  });

  /* Tick all communities of a street. */
  Array.prototype.forEach.call(document.querySelectorAll('fieldset[data-select-all]'), function (fieldset) {
    var button = el('button', 'secondary small', fieldset.getAttribute('data-select-all'));
    button.type = 'button';
    button.addEventListener('click', function () {
      var boxes = fieldset.querySelectorAll('input[type=checkbox]');
      var all = Array.prototype.every.call(boxes, function (b) { return b.checked; });
      Array.prototype.forEach.call(boxes, function (b) { b.checked = !all; });
      boxes.length && boxes[0].dispatchEvent(new Event('change', { bubbles: true }));
    });
    var legend = fieldset.querySelector('legend');
    if (legend && legend.nextSibling) fieldset.insertBefore(button, legend.nextSibling);
    else fieldset.appendChild(button);
  });

  /* Copy a reply. */
  Array.prototype.forEach.call(document.querySelectorAll('button[data-copy]'), function (button) {
    var target = document.getElementById(button.getAttribute('data-copy'));
    if (!target || !navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener('click', function () {
      navigator.clipboard.writeText(target.textContent || '').then(function () {
        button.textContent = button.getAttribute('data-copied') || button.textContent;
      });
    });
  });

  /* Live pre-check. */
  var form = document.getElementById('request-form');
  var panel = document.getElementById('precheck');
  var body = document.getElementById('precheck-body');
  var summary = document.getElementById('precheck-summary');
  if (!form || !panel || !body) return;
  var T = JSON.parse(panel.getAttribute('data-text') || '{}');
  var STRENGTH = { reject: 3, 'needs-review': 2, allow: 1, warning: 0 };
  var TEXT_FIELDS = ['title', 'description', 'funding.conditions'];
  var timer = null;
  var sequence = 0;
  var controller = null;
  var lastSent = null;

  function value(name) {
    var data = new FormData(form);
    var v = data.get(name);
    return typeof v === 'string' ? v : '';
  }

  /* The evaluate request, built exactly as the server builds it for the "预检" button. */
  function request() {
    var data = new FormData(form);
    var r = {};
    var title = value('title');
    var description = value('description');
    if (title.trim() !== '') r.title = title;
    if (description.trim() !== '') r.description = description;
    if (!r.title && !r.description) return { empty: true };
    var department = form.getAttribute('data-department');
    if (department) r.department = department;
    var role = value('communityRole');
    if (role) r.communityRole = role;
    var areas = data.getAll('areas').filter(function (a) { return typeof a === 'string' && a !== ''; });
    if (areas.length > 0) r.areas = areas;
    var listItem = value('listItem');
    if (listItem) r.listItem = listItem;
    r.oneVoteVeto = value('oneVoteVeto') === 'true';
    var funding = {};
    var amount = value('fundingAmount').trim();
    if (amount !== '') {
      var n = Number(amount);
      if (!isFinite(n) || n < 0) return { error: T.amountInvalid };
      funding.amountYuan = n;
    }
    var conditions = value('fundingConditions');
    if (conditions.trim() !== '') funding.conditions = conditions;
    if (Object.keys(funding).length > 0) r.funding = funding;
    return { request: r };
  }

  function message(text) {
    body.textContent = '';
    body.appendChild(el('p', 'muted', text));
    if (summary) summary.textContent = '';
  }

  function summarise(decision) {
    if (!summary || !T.summary) return;
    var link = el('a', null, T.summary.replace('{decision}', T.decisionShort[decision.decision] || decision.decision).replace('{n}', String(decision.reasons.length)));
    link.href = '#precheck';
    summary.textContent = '';
    summary.appendChild(link);
  }

  function highlight(container, text, spans) {
    var valid = spans.filter(function (s) { return s.start >= 0 && s.end <= text.length && s.start < s.end; });
    var cuts = [0, text.length];
    valid.forEach(function (s) { cuts.push(s.start, s.end); });
    cuts = cuts.filter(function (c, i) { return cuts.indexOf(c) === i; }).sort(function (a, b) { return a - b; });
    for (var i = 0; i + 1 < cuts.length; i++) {
      var from = cuts[i];
      var to = cuts[i + 1];
      var piece = text.slice(from, to);
      var covering = valid.filter(function (s) { return s.start <= from && s.end >= to; });
      if (covering.length === 0) {
        container.appendChild(document.createTextNode(piece));
        continue;
      }
      var kind = covering.reduce(function (best, s) { return STRENGTH[s.kind] > STRENGTH[best] ? s.kind : best; }, covering[0].kind);
      var labels = covering.map(function (s) { return s.label; }).filter(function (l, j, all) { return all.indexOf(l) === j; });
      var mark = el('mark', 'ev ev-' + kind, piece);
      mark.title = labels.join('；');
      container.appendChild(mark);
    }
  }

  function spansFor(decision, field, text) {
    var spans = [];
    decision.reasons.forEach(function (reason) {
      reason.evidence.forEach(function (e) {
        if (e.field === field && text.slice(e.start, e.end) === e.text) {
          spans.push({ start: e.start, end: e.end, kind: reason.effect, label: T.reasonLabel[reason.code] || reason.code });
        }
      });
    });
    (decision.warnings || []).forEach(function (warning) {
      warning.evidence.forEach(function (e) {
        if (e.field === field && text.slice(e.start, e.end) === e.text) {
          spans.push({ start: e.start, end: e.end, kind: 'warning', label: T.warnings });
        }
      });
    });
    return spans;
  }

  function render(decision, sent) {
    var texts = { title: sent.title || '', description: sent.description || '', 'funding.conditions': (sent.funding && sent.funding.conditions) || '' };
    var view = el('div', 'decision-view');
    var verdict = el('p', 'decision decision-' + decision.decision, T.decision + '：' + (T.decisionLong[decision.decision] || decision.decision));
    verdict.setAttribute('data-decision', decision.decision);
    view.appendChild(verdict);
    view.appendChild(el('h3', null, T.reasons));
    var list = el('ol', 'reasons');
    decision.reasons.forEach(function (reason) {
      var item = el('li', 'reason reason-' + reason.effect);
      item.setAttribute('data-code', reason.code);
      item.appendChild(el('p', 'reason-message', reason.message));
      var quote = el('blockquote', 'clause');
      quote.appendChild(el('span', 'clause-id', T.clauses[reason.clause] || reason.clause));
      quote.appendChild(document.createTextNode('“' + reason.quote + '”'));
      item.appendChild(quote);
      var fix = el('p', 'fix');
      fix.appendChild(el('strong', null, T.fix + '：'));
      fix.appendChild(document.createTextNode(reason.fix));
      item.appendChild(fix);
      var declared = reason.evidence.filter(function (e) { return TEXT_FIELDS.indexOf(e.field) < 0; });
      if (declared.length > 0) {
        item.appendChild(el('p', 'muted', T.declared + '：' + declared.map(function (e) { return T.fieldLabel[e.field] || e.field; }).join('、')));
      }
      list.appendChild(item);
    });
    view.appendChild(list);
    if (decision.warnings && decision.warnings.length > 0) {
      view.appendChild(el('h3', null, T.warnings));
      var warnings = el('ul', 'warnings');
      decision.warnings.forEach(function (w) {
        var li = el('li', null, w.message);
        li.setAttribute('data-code', w.code);
        warnings.appendChild(li);
      });
      view.appendChild(warnings);
    }
    var shown = TEXT_FIELDS.filter(function (f) { return texts[f].trim() !== ''; });
    if (shown.length > 0) {
      var copy = el('div', 'evidence-copy');
      copy.appendChild(el('h3', null, T.evidence));
      var marked = shown.some(function (f) { return spansFor(decision, f, texts[f]).length > 0; });
      copy.appendChild(el('p', 'muted', marked ? T.evidenceHint : T.noEvidence));
      shown.forEach(function (f) {
        var p = el('p', 'evidence-field');
        p.setAttribute('data-field', f);
        p.appendChild(el('span', 'field-name', T.fieldLabel[f] || f));
        highlight(p, texts[f], spansFor(decision, f, texts[f]));
        copy.appendChild(p);
      });
      view.appendChild(copy);
    }
    view.appendChild(el('p', 'muted', T.rulesVersion + ' ' + String(decision.rulesVersion).slice(0, 19)));
    body.textContent = '';
    body.appendChild(view);
    summarise(decision);
  }

  function renderIssues(issues) {
    if (summary) summary.textContent = '';
    body.textContent = '';
    var list = el('ul', 'field-error');
    issues.forEach(function (issue) { list.appendChild(el('li', null, issue.message)); });
    body.appendChild(list);
  }

  function run() {
    timer = null;
    var built = request();
    if (built.empty) { lastSent = null; message(T.empty); return; }
    if (built.error) { lastSent = null; message(built.error); return; }
    var payload = JSON.stringify(built.request);
    if (payload === lastSent) return;
    lastSent = payload;
    var mine = ++sequence;
    if (controller) controller.abort();
    controller = typeof AbortController === 'function' ? new AbortController() : null;
    panel.setAttribute('aria-busy', 'true');
    fetch('/api/v1/evaluate', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: payload,
      credentials: 'same-origin',
      signal: controller ? controller.signal : undefined,
    }).then(function (response) {
      return response.json().then(function (json) { return { ok: response.ok, json: json }; });
    }).then(function (answer) {
      if (mine !== sequence) return;
      panel.removeAttribute('aria-busy');
      if (answer.ok) render(answer.json, built.request);
      else if (answer.json && answer.json.error && answer.json.error.issues) renderIssues(answer.json.error.issues);
      else message(T.failed);
    }).catch(function (error) {
      if (mine !== sequence || (error && error.name === 'AbortError')) return;
      panel.removeAttribute('aria-busy');
      lastSent = null;
      message(T.failed);
    });
  }

  function schedule() {
    if (timer) clearTimeout(timer);
    timer = setTimeout(run, 400);
  }

  form.addEventListener('input', schedule);
  form.addEventListener('change', schedule);
  form.addEventListener('submit', function (event) {
    var submitter = event.submitter;
    if (submitter && submitter.name === 'intent' && submitter.value === 'check') {
      event.preventDefault();
      if (timer) clearTimeout(timer);
      lastSent = null;
      run();
      panel.focus();
    }
  });
  form.setAttribute('data-live', 'true');
})();
`;
