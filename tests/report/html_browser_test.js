#!/usr/bin/env node
// The HTML report in a real browser: headless Chromium (Debian's `chromium`), driven over the DevTools
// protocol on a pipe (--remote-debugging-pipe: NUL-separated JSON on fds 3 and 4), no npm package.
//   node html_browser_test.js MAILSPEC REPORT.json OUT_DIR SCREENSHOT_DIR
// REPORT.json is a saved report with every verdict (the unit tests write it). The test renders it with
// `mailspec report REPORT.json --html`, and a comparison of it with a changed copy with `mailspec report
// A.json B.json --html`, loads each page as file://, and checks that:
// - the page loads with no console error, no exception and no log entry of level error;
// - its Content-Security-Policy blocks nothing the page needs (no violation, the inline script ran, the
//   inline style applied) and does block a fetch (an image from 127.0.0.1 is refused);
// - clicking a verdict's count, typing in the search box and clicking "only cases whose verdicts differ"
//   (mouse and keyboard events) show exactly the rows they should, as the report's JSON says;
// - opening a failed case shows its transcript with the offending octets marked.
// Screenshots go to SCREENSHOT_DIR/html-report.png and html-compare.png (CI keeps them). Without
// chromium the test is skipped (exit 77), unless CI is set: then it fails. Every wait is bounded, and the
// whole test ends within 120 s whatever the browser does.
'use strict';
const childProcess = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const [mailspec, reportJson, outDir, shotDir] = process.argv.slice(2);
if (!shotDir) {
  console.error('usage: html_browser_test.js MAILSPEC REPORT.json OUT_DIR SCREENSHOT_DIR');
  process.exit(2);
}
const SKIP = 77;
const OVERALL_MS = 120000, COMMAND_MS = 15000, LOAD_MS = 20000;

let failed = 0, passed = 0;
function check(name, ok, detail) {
  if (ok) passed++; else failed++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${!ok && detail !== undefined ? ': ' + JSON.stringify(detail) : ''}`);
}

function findChromium() {
  if (process.env.CHROMIUM) return process.env.CHROMIUM;
  for (const dir of (process.env.PATH || '').split(':')) {
    for (const name of ['chromium', 'chromium-browser']) {
      const p = path.join(dir, name);
      try {
        fs.accessSync(p, fs.constants.X_OK);
        return p;
      } catch (e) { /* not here */ }
    }
  }
  return null;
}

/** The DevTools protocol over the pipe: commands with ids, replies and events as NUL-terminated JSON. */
class Cdp {
  constructor(proc) {
    this.toBrowser = proc.stdio[3];
    this.nextId = 1;
    this.pending = new Map();
    this.listeners = [];
    let buf = Buffer.alloc(0);
    proc.stdio[4].on('data', chunk => {
      buf = Buffer.concat([buf, chunk]);
      for (let end = buf.indexOf(0); end >= 0; end = buf.indexOf(0)) {
        const msg = JSON.parse(buf.subarray(0, end).toString('utf8'));
        buf = buf.subarray(end + 1);
        this.dispatch(msg);
      }
    });
  }
  dispatch(msg) {
    if (msg.id !== undefined) {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      clearTimeout(p.timer);
      if (msg.error) p.reject(new Error(`${p.method}: ${msg.error.message}`)); else p.resolve(msg.result);
      return;
    }
    for (const l of this.listeners.slice()) {
      if (l.method === msg.method && (!l.session || l.session === msg.sessionId)) l.fn(msg.params);
    }
  }
  send(method, params = {}, sessionId = undefined, ms = COMMAND_MS) {
    const id = this.nextId++;
    const msg = {id, method, params};
    if (sessionId) msg.sessionId = sessionId;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${method}: no answer within ${ms} ms`));
      }, ms);
      this.pending.set(id, {resolve, reject, timer, method});
      this.toBrowser.write(JSON.stringify(msg) + '\0');
    });
  }
  on(method, session, fn) {
    this.listeners.push({method, session, fn});
  }
  once(method, session, ms) {
    return new Promise((resolve, reject) => {
      const l = {method, session, fn: params => {
        this.listeners.splice(this.listeners.indexOf(l), 1);
        clearTimeout(timer);
        resolve(params);
      }};
      const timer = setTimeout(() => {
        this.listeners.splice(this.listeners.indexOf(l), 1);
        reject(new Error(`${method}: not within ${ms} ms`));
      }, ms);
      this.listeners.push(l);
    });
  }
}

/** One tab: its session, and every console error, exception, error log entry and CSP violation. */
class Page {
  constructor(cdp, sessionId) {
    this.cdp = cdp;
    this.session = sessionId;
    this.errors = [];
    cdp.on('Runtime.consoleAPICalled', sessionId, p => {
      if (p.type === 'error' || p.type === 'assert') {
        this.errors.push(`console.${p.type}: ${p.args.map(a => a.value !== undefined ? a.value : a.description).join(' ')}`);
      }
    });
    cdp.on('Runtime.exceptionThrown', sessionId, p => {
      const d = p.exceptionDetails;
      this.errors.push(`exception: ${d.exception ? d.exception.description : d.text} at ${d.url}:${d.lineNumber}`);
    });
    cdp.on('Log.entryAdded', sessionId, p => {
      if (p.entry.level === 'error') this.errors.push(`log ${p.entry.source}: ${p.entry.text}`);
    });
  }
  send(method, params) { return this.cdp.send(method, params, this.session); }
  async eval(expression) {
    const r = await this.send('Runtime.evaluate', {expression, returnByValue: true, awaitPromise: true});
    if (r.exceptionDetails) throw new Error(`evaluating ${expression.slice(0, 80)}: ${r.exceptionDetails.text}`);
    return r.result.value;
  }
  async load(file) {
    await this.send('Page.enable');
    await this.send('Runtime.enable');
    await this.send('Log.enable');
    // Before any script of the page: write down every CSP violation where the test can read it.
    await this.send('Page.addScriptToEvaluateOnNewDocument', {source:
      'window.__violations = []; document.addEventListener("securitypolicyviolation", e => ' +
      'window.__violations.push(e.effectiveDirective + " " + e.blockedURI));'});
    const loaded = this.cdp.once('Page.loadEventFired', this.session, LOAD_MS);
    const nav = await this.send('Page.navigate', {url: 'file://' + path.resolve(file)});
    if (nav.errorText) throw new Error(`navigating to ${file}: ${nav.errorText}`);
    await loaded;
  }
  /** A real click (mouse moved, pressed and released) at the middle of the element `selector` finds. */
  async click(selector) {
    const box = await this.eval(`(() => { const e = document.querySelector(${JSON.stringify(selector)});
      if (!e) return null; e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect();
      return {x: r.left + r.width / 2, y: r.top + r.height / 2}; })()`);
    if (!box) throw new Error(`nothing to click: ${selector}`);
    await this.send('Input.dispatchMouseEvent', {type: 'mouseMoved', x: box.x, y: box.y});
    await this.send('Input.dispatchMouseEvent', {type: 'mousePressed', x: box.x, y: box.y, button: 'left', clickCount: 1});
    await this.send('Input.dispatchMouseEvent', {type: 'mouseReleased', x: box.x, y: box.y, button: 'left', clickCount: 1});
  }
  /** Typed text, one key at a time, into what has the focus. */
  async type(text) {
    for (const ch of text) {
      await this.send('Input.dispatchKeyEvent', {type: 'keyDown', text: ch, unmodifiedText: ch, key: ch});
      await this.send('Input.dispatchKeyEvent', {type: 'keyUp', key: ch});
    }
  }
  /** The ids of the rows on screen (laid out, not merely present). */
  visibleIds() {
    return this.eval(`[...document.querySelectorAll('.row')].filter(r => r.getClientRects().length > 0).map(r => r.dataset.id)`);
  }
  async screenshot(file) {
    const shot = await this.send('Page.captureScreenshot', {format: 'png', captureBeyondViewport: true});
    fs.writeFileSync(file, Buffer.from(shot.data, 'base64'));
    return fs.statSync(file).size;
  }
}

function same(a, b) { return JSON.stringify([...a].sort()) === JSON.stringify([...b].sort()); }

async function singlePage(page, report, html) {
  await page.load(html);
  const cases = report.cases;
  check('report page: loads with no console error, exception or error log', page.errors.length === 0, page.errors);
  check('report page: the CSP blocked nothing while it loaded', (await page.eval('window.__violations')).length === 0,
        await page.eval('window.__violations'));
  check('report page: the inline script ran', await page.eval(`document.getElementById('shown').textContent`) ===
        `${cases.length} of ${cases.length} cases shown`);
  check('report page: the inline style applied', await page.eval(
    `getComputedStyle(document.querySelector('.counts .v-fail')).backgroundColor`) === 'rgb(198, 40, 40)');
  check('report page: every case is shown at first', same(await page.visibleIds(), cases.map(c => c.id)));

  await page.click('.counts [data-pick="fail"]');
  const fails = cases.filter(c => c.verdict === 'fail').map(c => c.id);
  const shownFails = await page.visibleIds();
  check('click on the fail count: only the failed cases are shown', fails.length > 0 && same(shownFails, fails), shownFails);

  await page.click('.counts [data-pick="warn"]');
  await page.click('#f-id');
  const term = cases.find(c => c.verdict === 'warn').id.split('.').slice(0, 2).join('.').toUpperCase();
  await page.type(term);
  const warnMatching = cases.filter(c => c.verdict === 'warn' && c.id.includes(term.toLowerCase())).map(c => c.id);
  check(`warn count and "${term}" typed: the warn cases matching`, same(await page.visibleIds(), warnMatching), await page.visibleIds());
  // Back to every verdict, as choosing "every verdict" in the list does; the search stays.
  await page.eval(`(() => { const s = document.getElementById('f-verdict'); s.value = ''; s.dispatchEvent(new Event('change')); })()`);
  const matching = cases.filter(c => c.id.includes(term.toLowerCase())).map(c => c.id);
  const shownMatching = await page.visibleIds();
  check(`"${term}" typed: the cases whose id holds it, whatever the case`, matching.length > warnMatching.length &&
        same(shownMatching, matching), shownMatching);
  check('the count of shown cases follows', await page.eval(`document.getElementById('shown').textContent`) ===
        `${matching.length} of ${cases.length} cases shown`);
  await page.click('#f-id');
  for (let i = 0; i < term.length; i++) {
    await page.send('Input.dispatchKeyEvent', {type: 'rawKeyDown', key: 'Backspace', code: 'Backspace', windowsVirtualKeyCode: 8});
    await page.send('Input.dispatchKeyEvent', {type: 'keyUp', key: 'Backspace', code: 'Backspace', windowsVirtualKeyCode: 8});
  }
  check('the search erased: every case again', same(await page.visibleIds(), cases.map(c => c.id)));

  const failed = cases.find(c => c.verdict === 'fail');
  const row = `.row[data-id="${failed.id}"]`;
  await page.click(`${row} > summary`);
  const mark = await page.eval(`(() => { const m = document.querySelector('${row} pre.transcript mark');
    return m && m.getClientRects().length > 0 ? m.textContent : null; })()`);
  check('opening the failed case shows its transcript, the offending octets marked', mark === failed.evidence.actual, mark);
  check('report page: still no error after the clicks', page.errors.length === 0, page.errors);
  const size = await page.screenshot(path.join(shotDir, 'html-report.png'));
  check(`screenshot ${path.join(shotDir, 'html-report.png')} (${size} octets)`, size > 10000);

  // The CSP is in force: an image from 127.0.0.1 is refused before any connection is tried.
  await page.eval(`(() => { const i = document.createElement('img'); i.src = 'http://127.0.0.1:9/x.png';
    document.body.appendChild(i); })()`);
  let blocked = [];
  for (let waited = 0; waited < 3000 && blocked.length === 0; waited += 100) {
    await new Promise(r => setTimeout(r, 100));
    blocked = await page.eval('window.__violations');
  }
  check('the CSP refuses a fetch (img-src)', blocked.length === 1 && blocked[0].startsWith('img-src http://127.0.0.1:9/'), blocked);
}

async function comparisonPage(page, reports, html) {
  await page.load(html);
  check('comparison page: loads with no console error, exception or error log', page.errors.length === 0, page.errors);
  check('comparison page: the CSP blocked nothing', (await page.eval('window.__violations')).length === 0);
  const verdicts = reports.map(r => new Map(r.cases.map(c => [c.id, c.verdict])));
  const ids = [...new Set(reports.flatMap(r => r.cases.map(c => c.id)))];
  check('comparison page: a row per case id', same(await page.visibleIds(), ids));
  await page.click('#f-differs');
  const differ = ids.filter(id => new Set(verdicts.map(v => v.get(id) || '')).size > 1);
  const shown = await page.visibleIds();
  check('click on "only cases whose verdicts differ": exactly those', differ.length > 0 && differ.length < ids.length &&
        same(shown, differ), shown);
  const size = await page.screenshot(path.join(shotDir, 'html-compare.png'));
  check(`screenshot ${path.join(shotDir, 'html-compare.png')} (${size} octets)`, size > 10000);
  check('comparison page: still no error after the click', page.errors.length === 0, page.errors);
}

/** Renders the pages with mailspec: the report, and the comparison with a copy that differs. */
function render() {
  fs.mkdirSync(outDir, {recursive: true});
  fs.mkdirSync(shotDir, {recursive: true});
  const report = JSON.parse(fs.readFileSync(reportJson, 'utf8'));
  const other = JSON.parse(JSON.stringify(report));
  other.target.url = other.target.url.replace(/:\d+$/, ':2626');
  other.cases[0].verdict = other.cases[0].verdict === 'fail' ? 'pass' : 'fail';
  other.cases.pop();
  other.summary = {total: other.cases.length};
  for (const v of ['pass', 'fail', 'warn', 'info', 'skip', 'error']) other.summary[v] = other.cases.filter(c => c.verdict === v).length;
  const otherJson = path.join(outDir, 'browser-other.json');
  fs.writeFileSync(otherJson, JSON.stringify(other));
  const html = path.join(outDir, 'browser-report.html'), compare = path.join(outDir, 'browser-compare.html');
  const run = args => childProcess.spawnSync(mailspec, args, {encoding: 'utf8', timeout: 30000});
  const one = run(['report', reportJson, '--html', html]);
  check('mailspec report REPORT.json --html exits 0', one.status === 0, one.stderr);
  const two = run(['report', reportJson, otherJson, '--html', compare]);
  check('mailspec report A.json B.json --html exits 0', two.status === 0, two.stderr);
  return {report, other, html, compare};
}

function launch(binary, profile) {
  const args = ['--headless=new', '--remote-debugging-pipe', `--user-data-dir=${profile}`, '--no-first-run',
                '--no-default-browser-check', '--disable-gpu', '--disable-extensions', '--disable-background-networking',
                '--disable-component-update', '--disable-sync', '--disable-default-apps', '--mute-audio',
                '--window-size=1280,900', 'about:blank'];
  if (process.getuid && process.getuid() === 0) args.unshift('--no-sandbox');  // root: no sandbox
  const proc = childProcess.spawn(binary, args, {stdio: ['ignore', 'pipe', 'pipe', 'pipe', 'pipe'], detached: true});
  let log = '';
  proc.stdout.on('data', d => { log += d; });
  proc.stderr.on('data', d => { log += d; });
  return {proc, log: () => log};
}

/** Ends the browser we started: Browser.close, then its process group if it is still there. */
async function stop(browser, cdp) {
  if (cdp) await cdp.send('Browser.close', {}, undefined, 3000).catch(() => {});
  const gone = new Promise(r => (browser.proc.exitCode !== null ? r() : browser.proc.once('exit', r)));
  await Promise.race([gone, new Promise(r => setTimeout(r, 5000))]);
  if (browser.proc.exitCode === null && browser.proc.signalCode === null) {
    try { process.kill(-browser.proc.pid, 'SIGKILL'); } catch (e) { /* already gone */ }
  }
}

async function main() {
  const binary = findChromium();
  const inCi = !!process.env.CI && !['0', 'false'].includes(process.env.CI.toLowerCase());
  if (!binary) {
    if (inCi) {
      check('chromium is installed (CI is set: ci/setup.sh installs it)', false);
      return 1;
    }
    console.log('SKIP: chromium not found (apt-get install chromium, or bash ci/setup.sh): ' +
                'the HTML report is not tested in a browser');
    return SKIP;
  }
  const pages = render();
  if (failed) {
    console.log(`${passed} passed, ${failed} failed`);
    return 1;
  }
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'mailspec-chromium-'));
  const browser = launch(binary, profile);
  let cdp = null;
  const watchdog = setTimeout(() => {
    console.log(`FAIL the browser test did not end within ${OVERALL_MS / 1000} s`);
    try { process.kill(-browser.proc.pid, 'SIGKILL'); } catch (e) { /* gone */ }
    fs.rmSync(profile, {recursive: true, force: true});
    process.exit(1);
  }, OVERALL_MS);
  try {
    cdp = new Cdp(browser.proc);
    browser.proc.on('exit', (code, sig) => {
      for (const p of cdp.pending.values()) p.reject(new Error(`chromium exited (${code ?? sig}): ${browser.log().slice(-600)}`));
    });
    const version = await cdp.send('Browser.getVersion');
    console.log(`# ${version.product}`);
    for (const [name, fn] of [['report', p => singlePage(p, pages.report, pages.html)],
                              ['comparison', p => comparisonPage(p, [pages.report, pages.other], pages.compare)]]) {
      const {targetId} = await cdp.send('Target.createTarget', {url: 'about:blank'});
      const {sessionId} = await cdp.send('Target.attachToTarget', {targetId, flatten: true});
      try {
        await fn(new Page(cdp, sessionId));
      } catch (e) {
        check(`${name} page: the browser did what was asked`, false, String(e.message || e));
      }
      await cdp.send('Target.closeTarget', {targetId}).catch(() => {});
    }
  } catch (e) {
    check('chromium answers over the DevTools pipe', false, `${e.message}; chromium said: ${browser.log().slice(-600)}`);
  } finally {
    await stop(browser, cdp);
    clearTimeout(watchdog);
    fs.rmSync(profile, {recursive: true, force: true});
  }
  console.log(`${passed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

main().then(code => process.exit(code), e => {
  console.log(`FAIL ${e.stack || e}`);
  process.exit(1);
});
