// Hostile corpus: every message of end2end/hostile/*.eml (and of the folder
// named by AUTAN_HOSTILE_DIR, a reviewer's private corpus) is imported into a
// fresh « Corpus hostile » folder of sbernard, then opened in turn in Chromium
// with « j ». After each one: the marker a payload would set stays unset, the
// loopback « attacker » listener (127.0.0.1:8925) got no request, the page is
// still the app, the app's DOM outside the frame is as it was, and every frame
// is sandboxed with no scripts and no origin. One run lists every failing
// vector (per file) instead of stopping at the first.
import { test, expect, jmap, login, axeViolations, blockedInParser, importIntoFreshFolder, destroyFolderNamed, EDGE, ROOT } from './fixtures.mjs';
import http from 'node:http';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

const USER = 'sbernard';
const FOLDER = 'Corpus hostile';
const ATTACKER = { host: '127.0.0.1', port: 8925 };

/** Every request the « attacker » listener received, as « METHOD url ». */
const hits = [];
let server;
/** [{ file, id, subject }] in list order (newest receivedAt first). */
let imported = [];

function corpusFiles() {
  const dirs = [path.join(ROOT, 'end2end/hostile')];
  if (process.env.AUTAN_HOSTILE_DIR) dirs.push(path.resolve(process.env.AUTAN_HOSTILE_DIR));
  return dirs.flatMap((dir) => readdirSync(dir)
    .filter((name) => name.toLowerCase().endsWith('.eml'))
    .sort()
    .map((name) => path.join(dir, name)));
}

/** jmap() that fails loudly on a method-level error. */
async function call(methodCalls) {
  const r = await jmap(USER, methodCalls);
  for (const [id, res] of Object.entries(r)) {
    if (res.name === 'error') throw new Error(`JMAP ${id}: ${JSON.stringify(res)}`);
  }
  return r;
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  server = http.createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    req.resume();
    res.writeHead(204);
    res.end();
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(ATTACKER.port, ATTACKER.host, resolve);
  });

  const files = corpusFiles();
  expect(files.length, 'corpus files').toBeGreaterThan(0);
  const { ids } = await importIntoFreshFolder(USER, FOLDER, files.map((f) => readFileSync(f)));
  const got = await call((a) => [['Email/get', { accountId: a, ids, properties: ['subject'] }, 'g']]);
  const subjects = Object.fromEntries(got.g.list.map((e) => [e.id, e.subject ?? '']));
  imported = files.map((file, i) => ({ file: path.relative(ROOT, file), id: ids[i], subject: subjects[ids[i]] ?? '' }));
});

test.afterAll(async () => {
  try {
    await destroyFolderNamed(USER, FOLDER);
  } finally {
    if (server) {
      server.closeAllConnections?.();
      await new Promise((resolve) => server.close(resolve));
    }
  }
});

/** Runs in the page: what the app's own document looks like now, against
 *  the snapshot taken after login. Returns a list of problems. */
function inspectApp(base) {
  const out = [];
  const loaderAttrs = new Set(['src', 'srcset', 'imagesrcset', 'href', 'xlink:href', 'action', 'formaction', 'background',
    'poster', 'lowsrc', 'dynsrc', 'data', 'code', 'codebase', 'archive', 'ping', 'style', 'longdesc', 'content',
    'fill', 'stroke', 'filter', 'clip-path', 'mask', 'marker-start', 'marker-mid', 'marker-end', 'cursor',
    'values', 'from', 'to', 'by']);
  const attacker = /(127\.0\.0\.1|2130706433|0x7f\.1):8925/i;
  const badScheme = /^\s*(javascript|vbscript|data:text\/html|data:application\/xhtml)/i;

  if (document.head.innerHTML !== base.head) out.push('the document <head> changed');
  const reader = document.querySelector('section.reader');
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      if (/^on/i.test(a.name)) out.push(`<${el.localName} ${a.name}> in the app DOM`);
      if (['href', 'src', 'action', 'formaction', 'xlink:href'].includes(a.name) && badScheme.test(a.value)) {
        out.push(`<${el.localName} ${a.name}="${a.value.slice(0, 60)}"> in the app DOM`);
      }
      const isLink = a.name === 'href' && (el.localName === 'a' || el.localName === 'area');
      if (loaderAttrs.has(a.name) && !isLink && attacker.test(a.value)) {
        out.push(`<${el.localName} ${a.name}> aimed at the attacker in the app DOM`);
      }
    }
  }
  for (const s of document.querySelectorAll('script')) {
    if (!base.scripts.includes(s.outerHTML)) out.push(`new <script> in the app DOM: ${s.outerHTML.slice(0, 100)}`);
  }
  for (const el of document.querySelectorAll('object, embed, applet, frame, frameset, base, body meta, body link, portal')) {
    out.push(`<${el.localName}> in the app DOM`);
  }
  if (reader) {
    for (const el of reader.querySelectorAll('style, template, noscript, math, form[action]')) {
      out.push(`<${el.localName}> in the reading pane outside the frame`);
    }
  }
  for (const f of document.querySelectorAll('iframe')) {
    const label = `<iframe class="${f.className}">`;
    // The sanitiser's parser: an empty same-origin page, hidden, whose
    // DOMParser makes the inert documents (see src/safety/parser.rs).
    if (f.classList.contains('autan-parser')) {
      if (f.getAttribute('src') !== '/parser.html' || f.hasAttribute('srcdoc') || !f.hidden) out.push(`${label} is not the bare parser page`);
      else if (f.contentDocument?.body?.children.length || f.contentDocument?.body?.textContent.trim()) out.push(`${label} got content`);
      continue;
    }
    if (!reader || !reader.contains(f)) out.push(`${label} outside the reading pane`);
    if (!f.hasAttribute('sandbox')) {
      out.push(`${label} without sandbox`);
    } else {
      const tokens = f.getAttribute('sandbox').toLowerCase().split(/\s+/).filter(Boolean);
      if (tokens.includes('allow-scripts')) out.push(`${label} sandbox allows scripts`);
      if (f.classList.contains('body-measure')) {
        const extra = tokens.filter((t) => t !== 'allow-same-origin');
        if (extra.length) out.push(`${label} (measuring twin) sandbox has more than allow-same-origin: ${extra.join(' ')}`);
      } else if (tokens.includes('allow-same-origin')) {
        out.push(`${label} sandbox allows same origin`);
      }
      if (tokens.includes('allow-top-navigation')) out.push(`${label} sandbox allows top navigation`);
    }
    const doc = f.getAttribute('srcdoc');
    if (doc == null) continue;
    // Parsed (inert: DOMParser runs nothing and loads nothing), to tell a
    // real attribute or element from the same characters left in text or in
    // an attribute value. Both fail: the srcdoc is parsed again by the frame.
    const parsed = new DOMParser().parseFromString(doc, 'text/html');
    const elements = [...parsed.querySelectorAll('*'), ...[...parsed.querySelectorAll('template')].flatMap((t) => [...t.content.querySelectorAll('*')])];
    const attrs = elements.flatMap((el) => [...el.attributes].map((a) => [el, a]));
    // The same characters left as text (escaped) are harmless and kept: a
    // mail may quote code. Only real elements and attributes fail.
    if (/<script/i.test(doc) && elements.some((el) => el.localName === 'script')) out.push(`${label} srcdoc contains <script>`);
    const handler = doc.match(/\son[a-z]+\s*=/i);
    if (handler && attrs.some(([, a]) => /^on/i.test(a.name))) {
      out.push(`${label} srcdoc contains an event handler (${handler[0].trim()})`);
    }
    if (/javascript:/i.test(doc) && attrs.some(([, a]) => /^javascript:/i.test(a.value.replace(/[\u0000-\u0020]/g, '')))) {
      out.push(`${label} srcdoc contains a javascript: URL`);
    }
    if (/vbscript:|data:text\/html|data:application\/xhtml/i.test(doc)) out.push(`${label} srcdoc contains a vbscript:/data:text/html URL`);
    // What the frame would load: every loader attribute and stylesheet aimed
    // at the attacker. Plain links (<a href>) may stay: they load only on a click.
    for (const [el, a] of attrs) {
      const isLink = a.name === 'href' && (el.localName === 'a' || el.localName === 'area');
      if (loaderAttrs.has(a.name) && !isLink && attacker.test(a.value)) {
        out.push(`${label} srcdoc keeps <${el.localName} ${a.name}> aimed at the attacker`);
      }
    }
    for (const el of elements) {
      if (el.localName === 'style' && attacker.test(el.textContent)) out.push(`${label} srcdoc keeps a <style> aimed at the attacker`);
    }
  }
  return [...new Set(out)];
}

/** Presses « j » (focus back in the app, not in a frame) until the list
 *  opens message `id`. */
async function openWithJ(page, id) {
  const escaped = encodeURIComponent(id).replace(/[.*+?^$|()[\]{}\\]/g, '\\$&');
  const url = new RegExp(`[?&]m=${escaped}(&|$)`);
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const heading = page.locator('#reader-subject');
    if (await heading.count()) await heading.focus();
    await page.keyboard.press('j');
    try {
      await expect(page).toHaveURL(url, { timeout: 5_000 });
      return true;
    } catch { /* the next rows may still be loading: press again */ }
  }
  // This journey is about what a message does once open, not about « j »
  // (keyboard-mail.spec.mjs is): fall back to its row, scrolled into view.
  const row = page.locator(`table.message-list tr[data-id="${id}"] a`).first();
  const scroller = page.locator('.list-scroll');
  for (let i = 0; i < 40 && (await row.count()) === 0; i += 1) {
    await scroller.evaluate((el) => { el.scrollTop += el.clientHeight * 0.8; });
    await page.waitForTimeout(100);
  }
  if (await row.count()) {
    test.info().annotations.push({ type: 'opened by its row', description: id });
    await row.click();
    try {
      await expect(page).toHaveURL(url, { timeout: 5_000 });
      return true;
    } catch { /* reported by the caller */ }
  }
  return false;
}

test('every hostile message opens without running, loading or leaking anything', async ({ page }) => {
  test.setTimeout(240_000);
  expect(imported.length, 'messages imported').toBeGreaterThan(0);
  const appOrigin = new URL(EDGE).origin;
  let current = '(login)';
  const cspNotes = [];
  const sandboxNotes = [];
  const parserBlocks = [];
  page.on('console', (m) => {
    const t = m.text();
    const at = m.location()?.url ? ` (in ${m.location().url.slice(0, 60)})` : '';
    if (blockedInParser(m)) parserBlocks.push(`${current}: ${t.slice(0, 120)}`);
    else if (/Content Security Policy/i.test(t)) cspNotes.push(`${t.slice(0, 140)}…${at}`);
    else if (/Blocked script execution|sandboxed/i.test(t)) sandboxNotes.push(`${current}: ${t}`);
  });

  await login(page, USER);
  await expect(page.getByRole('heading', { level: 1, name: 'Boîte de réception' })).toBeVisible();
  const baseline = await page.evaluate(() => ({
    head: document.head.innerHTML,
    scripts: [...document.querySelectorAll('script')].map((s) => s.outerHTML),
  }));

  const tree = page.getByRole('navigation', { name: 'Dossiers' });
  await tree.getByRole('link', { name: new RegExp(`^${FOLDER}`) }).click();
  await expect(page.getByRole('heading', { level: 1, name: FOLDER })).toBeVisible();
  await expect(page.locator('table.message-list tbody tr[data-id]').first()).toBeVisible();

  const failures = [];
  let visited = 0;
  let hitsSeen = 0;
  for (const msg of imported) {
    current = `${msg.file} « ${msg.subject.slice(0, 80)} »`;
    const problems = [];
    cspNotes.length = 0;
    if (!(await openWithJ(page, msg.id))) {
      failures.push(`${current}: neither « j » nor its row opened it`);
      continue;
    }
    visited += 1;

    const heading = page.locator('#reader-subject');
    try {
      await expect(heading).toHaveText(msg.subject.trim() ? msg.subject.trim() : /\S/, { timeout: 10_000 });
    } catch {
      problems.push(`the reading pane heading shows « ${await heading.textContent()} »`);
    }
    const body = page.locator('section.reader').locator('iframe.body-html, .body-text, .body-empty').first();
    try {
      await expect(body).toBeVisible({ timeout: 10_000 });
    } catch {
      problems.push('no body shown (no frame, text or « empty » notice)');
    }
    await page.waitForTimeout(400);

    const marker = await page.evaluate(() => (window.__autanPwned === undefined ? null : String(window.__autanPwned)));
    if (marker !== null) problems.push(`marker set: window.__autanPwned = ${marker}`);
    const got = hits.slice(hitsSeen);
    hitsSeen = hits.length;
    if (got.length) problems.push(`the attacker listener got ${got.join(', ')}`);
    if (!page.url().startsWith(`${appOrigin}/`)) problems.push(`the page left the app: ${page.url()}`);
    for (const frame of page.frames()) {
      const u = frame.url();
      if (!(u === 'about:srcdoc' || u === 'about:blank' || u === '' || u.startsWith(`${appOrigin}/`) || u.startsWith(`blob:${appOrigin}/`))) {
        problems.push(`a frame navigated to ${u.slice(0, 100)}`);
      }
    }
    problems.push(...await page.evaluate(inspectApp, baseline));
    for (const t of new Set(cspNotes)) problems.push(`CSP violation: ${t}`);

    if (problems.length) failures.push(`${current}:\n    - ${problems.join('\n    - ')}`);
  }

  await page.waitForTimeout(1_000);
  const late = hits.slice(hitsSeen);
  if (late.length) failures.push(`after the last message, the attacker listener got ${late.join(', ')}`);
  if (parserBlocks.length) {
    test.info().annotations.push({ type: 'blocked by the parser page', description: [...new Set(parserBlocks)].join('\n') });
  }
  if (sandboxNotes.length) {
    test.info().annotations.push({ type: 'sandbox blocked', description: [...new Set(sandboxNotes)].join('\n') });
  }

  expect.soft(visited, 'messages visited').toBe(imported.length);
  expect.soft(failures, `hostile messages that got through:\n${failures.join('\n')}`).toEqual([]);
  expect(await axeViolations(page)).toEqual([]);
});
