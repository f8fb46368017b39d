// Benchmark (not a test): bundle sizes, and in headless Chromium against the
// seeded stack, HTTP requests and milliseconds to the first inbox row.
// Usage: node bench.mjs [runs]   — writes bench-results/bench-<stamp>.json
import { chromium } from '@playwright/test';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const base = `http://127.0.0.1:${process.env.AUTAN_EDGE_PORT || '8080'}`;
const runs = Number(process.argv[2] || 7);
const user = process.env.AUTAN_BENCH_USER || 'mdupont';

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const p95 = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)]; };

/** Headless Chromium with a new, empty profile (a cold browser). */
async function freshBrowser() {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'autan-bench-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  const page = context.pages()[0] || await context.newPage();
  return { profile, context, page };
}

async function oneRun() {
  const { profile, context, page } = await freshBrowser();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  const requests = [];
  const sizes = new Map();
  const methodsOf = (body) => { try { return JSON.parse(body).methodCalls.map((c) => c[0]); } catch { return []; } };
  cdp.on('Network.requestWillBeSent', (e) => requests.push({ id: e.requestId, url: e.request.url, method: e.request.method, t: e.timestamp, calls: methodsOf(e.request.postData) }));
  cdp.on('Network.loadingFinished', (e) => sizes.set(e.requestId, e.encodedDataLength));

  const result = {};
  // 1. Cold page load: navigation start → login form usable.
  await page.goto(`${base}/connexion`);
  await page.getByLabel('Identifiant').waitFor();
  result.loadToLoginFormMs = await page.evaluate(() => performance.now());
  const loadRequests = [...requests];
  result.firstLoadRequests = loadRequests.length;
  result.firstLoadTransferBytes = loadRequests.reduce((s, r) => s + (sizes.get(r.id) || 0), 0);

  // 2. Login click → first inbox row (no hint: a fresh browser).
  const measureLogin = async (label) => {
    await page.getByLabel('Identifiant').fill(user);
    await page.getByLabel('Mot de passe').fill('autan-demo');
    const before = requests.length;
    // Timed inside the page: from the real click event to the moment the first
    // inbox row is in the DOM (a MutationObserver), without the driver's overhead.
    await page.evaluate(() => {
      window.__bench = {};
      document.querySelector('button[type=submit]').addEventListener('click', () => { window.__bench.click = performance.now(); }, { capture: true, once: true });
      const obs = new MutationObserver(() => {
        if (document.querySelector('table.message-list tbody tr[data-id]')) { window.__bench.row = performance.now(); obs.disconnect(); }
      });
      obs.observe(document.body, { childList: true, subtree: true });
    });
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.locator('table.message-list tbody tr[data-id]').first().waitFor();
    const { click: t0, row: t1 } = await page.evaluate(() => window.__bench);
    const jmapCalls = requests.slice(before).filter((r) => r.url.includes('/jmap'));
    result[`${label}LoginToFirstRowMs`] = t1 - t0;
    result[`${label}HttpRequests`] = jmapCalls.length;
    result[`${label}ApiPosts`] = jmapCalls.filter((r) => r.method === 'POST').length;
  };
  await measureLogin('cold');
  // 3. Log out and in again: the remembered inbox id makes it one API request.
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await page.getByLabel('Identifiant').waitFor();
  await measureLogin('warm');
  result.rowsInDom = await page.locator('table.message-list tbody tr[data-pos]').count();

  // 4. Open a message: API POSTs from the click to the body on screen, and
  // the milliseconds between the API response's end and the body in the DOM.
  const apiEnds = () => page.evaluate(() => performance.getEntriesByType('resource')
    .filter((e) => e.name.includes('/jmap/') && e.initiatorType === 'fetch').map((e) => e.responseEnd));
  const timed = async (selector, act) => {
    const before = requests.length;
    await page.evaluate((sel) => {
      window.__bench = { t0: performance.now() };
      const obs = new MutationObserver(() => {
        if (document.querySelector(sel)) { window.__bench.shown = performance.now(); obs.disconnect(); }
      });
      obs.observe(document.body, { childList: true, subtree: true });
    }, selector);
    const endsBefore = (await apiEnds()).length;
    await act();
    await page.locator(selector).first().waitFor();
    const b = await page.evaluate(() => window.__bench);
    const ends = (await apiEnds()).slice(endsBefore).filter((t) => t <= b.shown);
    const apiPosts = requests.slice(before).filter((r) => r.url.includes('/jmap') && r.method === 'POST');
    // The view's own request(s), apart from the mark-as-read that follows.
    const posts = apiPosts.filter((r) => !r.calls.includes('Email/set')).length;
    const markRead = apiPosts.filter((r) => r.calls.includes('Email/set')).length;
    if (process.env.BENCH_DEBUG) console.log(apiPosts.map((r) => r.calls.join('+')));
    return { ms: b.shown - b.t0, afterResponseMs: ends.length ? b.shown - Math.max(...ends) : null, posts, markRead };
  };
  // Let the list's prefetch of the next rows finish first: it is not part of
  // opening a message.
  await page.waitForLoadState('networkidle');
  const open = await timed('.conversation details[open] .body-text, .conversation details[open] iframe', () =>
    page.locator('table.message-list tbody tr[data-id] td.col-subject a').nth(1).click());
  result.openMessageMs = open.ms;
  result.openMessageBodyAfterResponseMs = open.afterResponseMs;
  result.openMessageApiPosts = open.posts;
  result.openMessageMarkReadPosts = open.markRead;
  // 5. Folder switch: Archives, to its first row.
  const beforeSwitch = requests.length;
  await page.getByRole('navigation', { name: 'Dossiers' }).getByRole('link', { name: /^Archives/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Archives' }).waitFor();
  await page.locator('table.message-list tbody tr[data-id]').first().waitFor();
  result.folderSwitchApiPosts = requests.slice(beforeSwitch).filter((r) => r.url.includes('/jmap') && r.method === 'POST').length;
  // 6. Rows in the DOM half-way down the inbox.
  await page.getByRole('navigation', { name: 'Dossiers' }).getByRole('link', { name: /^Boîte de réception/ }).click();
  await page.locator('table.message-list tbody tr[data-id]').first().waitFor();
  await page.locator('.list-scroll').evaluate((el) => { el.scrollTop = el.scrollHeight / 2; });
  await page.waitForFunction(() => !document.querySelector('table.message-list tbody tr.placeholder'));
  result.rowsInDomMidInbox = await page.locator('table.message-list tbody tr[data-pos]').count();
  // 7. Agenda, then Contacts: bundles of their own, so a page load from the
  // top bar: milliseconds from the navigation's start to the view's data
  // on screen (the calendar list; the first person), HTTP requests, JMAP
  // API POSTs.
  const area = async (name, selector) => {
    const before = requests.length;
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name, exact: true }).click();
    const handle = await page.waitForFunction((sel) => document.querySelector(sel) && performance.now(), selector);
    const ms = await handle.jsonValue();
    await page.waitForLoadState('networkidle');
    const after = requests.slice(before);
    return { ms, http: after.length, posts: after.filter((r) => r.url.includes('/jmap') && r.method === 'POST').length };
  };
  const agenda = await area('Agenda', '.calendar-row');
  result.agendaPageToViewMs = agenda.ms;
  result.agendaHttpRequests = agenda.http;
  result.agendaApiPosts = agenda.posts;
  const contacts = await area('Contacts', '.people .person');
  result.contactsPageToViewMs = contacts.ms;
  result.contactsHttpRequests = contacts.http;
  result.contactsApiPosts = contacts.posts;
  await context.close();
  rmSync(profile, { recursive: true, force: true });
  return result;
}

/** « Modifier mon mot de passe »: keystroke → the meter showing the estimate
 *  of that very input, for a 64-character password (issue 4: ≤ 16 ms at p95).
 *  Measured in the page: the keydown event's time to the DOM mutation that
 *  shows the answer for it (`data-answer` on the meter). */
async function strengthKeystrokes(count = 300) {
  const { profile, context, page } = await freshBrowser();
  const t0 = Date.now();
  await page.goto(`${base}/compte/modifier`);
  const input = page.locator('#change-new');
  await input.waitFor();
  const base63 = 'Lc7#qP2v!Xm9tR4&zK8w@Hn3yB6^sD1fG5jT0uV2eQ7-iO9pA4lM8kZ3xC6bN1h';
  await input.fill(base63);
  await page.waitForFunction(() => document.querySelector('#change-new-strength')?.dataset.answer);
  const loadedMs = Date.now() - t0;
  // the caret to the end first: a key that changes nothing asks nothing
  await input.focus();
  await page.keyboard.press('End');
  await page.evaluate(() => {
    const el = document.querySelector('#change-new');
    const meter = document.querySelector('#change-new-strength');
    window.__strength = { pending: [], done: [] };
    el.addEventListener('keydown', (e) => window.__strength.pending.push(e.timeStamp));
    new MutationObserver(() => {
      const t = performance.now();
      const start = window.__strength.pending.shift();
      if (start !== undefined) window.__strength.done.push(t - start);
    }).observe(meter, { attributes: true, attributeFilter: ['data-answer'] });
  });
  for (let i = 0; i < count; i++) {
    const before = await page.locator('#change-new-strength').getAttribute('data-answer');
    // 63 → 64 characters, then back: every keystroke is a new question
    await page.keyboard.press(i % 2 === 0 ? 'y' : 'Backspace');
    await page.waitForFunction((b) => document.querySelector('#change-new-strength').dataset.answer !== b, before);
  }
  const done = await page.evaluate(() => window.__strength.done);
  await context.close();
  rmSync(profile, { recursive: true, force: true });
  return { strengthPageToFirstEstimateMs: loadedMs, keystrokes: done.length, median: median(done), p95: p95(done), max: Math.max(...done) };
}

const sizeReport = JSON.parse(readFileSync(path.join(root, 'target/size-report.json'), 'utf8'));
const browser = [];
for (let i = 0; i < runs; i++) browser.push(await oneRun());
const strength = await strengthKeystrokes();
const keys = Object.keys(browser[0]);
const summary = Object.fromEntries(keys.map((k) => [k, { median: median(browser.map((r) => r[k])), p95: p95(browser.map((r) => r[k])) }]));
const out = { date: new Date().toISOString(), runs, user, sizes: sizeReport, summary, strength, raw: browser };
mkdirSync(path.join(here, 'bench-results'), { recursive: true });
const file = path.join(here, 'bench-results', `bench-${out.date.replace(/[:.]/g, '-')}.json`);
writeFileSync(file, JSON.stringify(out, null, 2));
console.log(`first load: ${sizeReport.firstLoad.brotli} B brotli, ${sizeReport.firstLoad.gzip} B gzip, ${sizeReport.firstLoad.raw} B raw`);
for (const k of keys) console.log(`${k.padEnd(28)} median ${summary[k].median.toFixed(1).padStart(9)}   p95 ${summary[k].p95.toFixed(1).padStart(9)}`);
for (const [k, label] of [['agenda', 'Agenda (agenda.html)'], ['contacts', 'Contacts (contacts.html)']]) {
  if (sizeReport[k]) console.log(`${label}: ${sizeReport[k].brotli} B brotli`);
}
console.log(`strength meter: ${sizeReport.strength?.brotli} B brotli (password pages only); keystroke → bar, 64 characters, ${strength.keystrokes} keystrokes: median ${strength.median.toFixed(1)} ms, p95 ${strength.p95.toFixed(1)} ms, max ${strength.max.toFixed(1)} ms; page → first estimate ${strength.strengthPageToFirstEstimateMs} ms`);
console.log(`written to ${file}`);
