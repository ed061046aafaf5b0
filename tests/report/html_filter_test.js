#!/usr/bin/env node
// The HTML report's script against the page it came with, in Node with a small stand-in for the DOM
// (no browser here): the page's inline script runs without an exception, and each filter changes which
// rows are shown as it should.
//   node html_filter_test.js REPORT.html [COMPARISON.html]
'use strict';
const fs = require('fs');
const vm = require('vm');

let failed = 0, passed = 0;
function check(name, ok, detail) {
  if (ok) passed++; else failed++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${!ok && detail !== undefined ? ': ' + JSON.stringify(detail) : ''}`);
}

function attrs(tag) {
  const out = {};
  for (const m of tag.matchAll(/([\w-]+)="([^"]*)"/g)) out[m[1]] = m[2];
  return out;
}

// Rows, controls and buttons as plain objects with what the script touches.
function load(file) {
  const html = fs.readFileSync(file, 'utf8');
  const rows = [...html.matchAll(/<(?:details|tr) class="row[^"]*"[^>]*>/g)].map(m => {
    const a = attrs(m[0]);
    const dataset = {};
    for (const [k, v] of Object.entries(a)) if (k.startsWith('data-')) dataset[k.slice(5)] = v;
    return {dataset, hidden: false};
  });
  const controls = {};
  for (const m of html.matchAll(/<(select|input)[^>]* id="(f-[\w-]+)"[^>]*>/g)) {
    const listeners = [];
    controls[m[2]] = {value: '', checked: false, listeners,
                      addEventListener: (ev, fn) => listeners.push(fn)};
  }
  const buttons = [...html.matchAll(/<button[^>]*data-pick="(\w+)"[^>]*>/g)].map(m => {
    const listeners = [];
    return {pick: m[1], listeners, getAttribute: () => m[1], addEventListener: (ev, fn) => listeners.push(fn)};
  });
  const shown = {textContent: ''};
  const script = html.match(/<script>([\s\S]*)<\/script>/)[1];
  const document = {
    getElementById: id => (id === 'shown' ? shown : controls[id] || null),
    querySelectorAll: sel => (sel === '.row' ? rows : sel === '[data-pick]' ? buttons : []),
  };
  return {html, rows, controls, buttons, shown, script, document};
}

function set(page, id, value) {
  const c = page.controls[id];
  if (typeof value === 'boolean') c.checked = value; else c.value = value;
  c.listeners.forEach(fn => fn());
  return page.rows.filter(r => !r.hidden);
}

function single(file) {
  const page = load(file);
  let error = null;
  try { vm.runInNewContext(page.script, {document: page.document}); } catch (e) { error = String(e); }
  check('the page script runs without an error', error === null, error);
  const all = page.rows.length;
  check('every case is shown at first', page.rows.every(r => !r.hidden) && page.shown.textContent === `${all} of ${all} cases shown`, page.shown.textContent);
  const fails = set(page, 'f-verdict', 'fail');
  check('the verdict filter shows only that verdict', fails.length > 0 && fails.every(r => r.dataset.verdict === 'fail'), fails.length);
  set(page, 'f-verdict', '');
  const rfc = page.rows[0].dataset.rfc.trim().split(' ')[0];
  const byRfc = set(page, 'f-rfc', rfc);
  check('the RFC filter shows the cases of that RFC', byRfc.length > 0 && byRfc.every(r => (' ' + r.dataset.rfc + ' ').includes(' ' + rfc + ' ')));
  set(page, 'f-rfc', '');
  const tag = page.rows[0].dataset.tags.trim().split(' ')[0];
  const byTag = set(page, 'f-tag', tag);
  check('the tag filter shows the cases with that tag', byTag.length > 0 && byTag.every(r => (' ' + r.dataset.tags + ' ').includes(' ' + tag + ' ')));
  set(page, 'f-tag', '');
  const id = page.rows[page.rows.length - 1].dataset.id;
  const found = set(page, 'f-id', id.toUpperCase());
  check('the search finds a case by id, whatever the case', found.length >= 1 && found.some(r => r.dataset.id === id), found.length);
  set(page, 'f-id', '');
  check('the protocol filter with another protocol hides everything', set(page, 'f-protocol', 'no-such-protocol').length === 0);
  set(page, 'f-protocol', '');
  const skip = page.buttons.find(b => b.pick === 'skip');
  skip.listeners.forEach(fn => fn());
  const skips = page.rows.filter(r => !r.hidden);
  check('a count button filters by its verdict', skips.every(r => r.dataset.verdict === 'skip') && page.controls['f-verdict'].value === 'skip');
}

function comparison(file) {
  const page = load(file);
  let error = null;
  try { vm.runInNewContext(page.script, {document: page.document}); } catch (e) { error = String(e); }
  check('the comparison script runs without an error', error === null, error);
  const differ = set(page, 'f-differs', true);
  check('"only cases whose verdicts differ" shows exactly the differing rows',
        differ.length > 0 && differ.length < page.rows.length && differ.every(r => r.dataset.differs === '1'), differ.length);
}

single(process.argv[2]);
if (process.argv[3]) comparison(process.argv[3]);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
