// Shared helpers: a page fixture that fails a test on any uncaught page error
// or CSP violation, the server-side truth through JMAP, login, and axe-core.
import { test as base, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const EDGE = `http://127.0.0.1:${process.env.AUTAN_EDGE_PORT || '8080'}`;
export const PASSWORD = 'autan-demo';

export const test = base.extend({
  page: async ({ page }, use) => {
    const problems = [];
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      const t = m.text();
      if (blockedInParser(m)) return;
      if (/Content Security Policy|panicked|RuntimeError|unreachable executed/i.test(t)) problems.push(`console: ${t}`);
    });
    await use(page);
    expect(problems, 'no page errors, panics or CSP violations').toEqual([]);
  },
});
export { expect };

/** A load that an inert document of the sanitiser's parser page tried
 *  (Chromium still fetches <track> there) and that page's own policy
 *  (default-src 'none') refused: the containment working, not a violation
 *  of the app's policy. */
export function blockedInParser(m) {
  return /\/parser\.html$/.test(m.location()?.url || '')
    && /^(Loading|Refused to load)[^]*violates the following Content Security Policy directive: "default-src 'none'"/.test(m.text());
}

/** One JMAP request straight to the server (through the edge), as `user`. */
export async function jmap(user, methodCalls, extraUsing = []) {
  const auth = 'Basic ' + Buffer.from(`${user}:${PASSWORD}`).toString('base64');
  const session = await (await fetch(`${EDGE}/jmap/`, { headers: { Authorization: auth } })).json();
  const accountId = session.primaryAccounts['urn:ietf:params:jmap:mail'];
  const calls = methodCalls(accountId);
  const res = await fetch(new URL(session.apiUrl, EDGE), {
    method: 'POST',
    headers: { Authorization: auth, 'Content-Type': 'application/json' },
    body: JSON.stringify({ using: ['urn:ietf:params:jmap:core', 'urn:ietf:params:jmap:mail', ...extraUsing], methodCalls: calls }),
  });
  const body = await res.json();
  return Object.fromEntries(body.methodResponses.map(([name, args, id]) => [id, { name, ...args }]));
}

/** The server's view of a user's mailboxes and of the first page of one. */
export async function serverMailboxes(user) {
  const r = await jmap(user, (a) => [['Mailbox/get', { accountId: a }, 'm']]);
  return r.m.list;
}

export async function serverFirstPage(user, mailboxId, limit = 50) {
  const r = await jmap(user, (a) => [
    ['Email/query', { accountId: a, filter: { inMailbox: mailboxId }, sort: [{ property: 'receivedAt', isAscending: false }], limit, calculateTotal: true }, 'q'],
    ['Email/get', { accountId: a, '#ids': { resultOf: 'q', name: 'Email/query', path: '/ids' }, properties: ['subject', 'keywords'] }, 'g'],
  ]);
  const byId = Object.fromEntries(r.g.list.map((e) => [e.id, e]));
  return { total: r.q.total, emails: r.q.ids.map((id) => byId[id]) };
}

export async function login(page, user = 'mdupont', password = PASSWORD) {
  await page.goto('/connexion');
  await page.getByLabel('Identifiant').fill(user);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
}

/** Runs axe-core in the page (evaluated through the DevTools protocol, so the
 *  app's CSP stays enforced) and returns the WCAG 2.1 A/AA violations. */
export async function axeViolations(page) {
  const source = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(source);
  const result = await page.evaluate(async () =>
    // eslint-disable-next-line no-undef
    await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

export function stack(command) {
  execFileSync('bash', [path.join(ROOT, 'scripts/dev/stack.sh'), command], { stdio: 'inherit' });
}

/** Scrolls the message list (as a user would) until a row link named `name`
 *  is in the DOM; returns that link. */
export async function revealRow(page, name) {
  const link = page.locator('table.message-list').getByRole('link', { name }).first();
  const scroller = page.locator('.list-scroll');
  await expect(page.locator('table.message-list tbody tr[data-id]').first()).toBeVisible();
  for (let i = 0; i < 200 && (await link.count()) === 0; i += 1) {
    const atEnd = await scroller.evaluate((el) => {
      const end = el.scrollTop + el.clientHeight >= el.scrollHeight - 1;
      el.scrollTop += el.clientHeight * 0.8;
      return end;
    });
    if (atEnd) break;
    await expect(page.locator('table.message-list tbody tr.placeholder')).toHaveCount(0);
  }
  await link.scrollIntoViewIfNeeded();
  return link;
}

/** Every row of the list, read by scrolling it top to bottom: [{pos, id,
 *  subject, marks}] in position order. */
export async function readAllRows(page) {
  const scroller = page.locator('.list-scroll');
  await scroller.evaluate((el) => { el.scrollTop = 0; });
  const seen = new Map();
  for (let i = 0; i < 2000; i += 1) {
    await expect(page.locator('table.message-list tbody tr.placeholder')).toHaveCount(0);
    const rows = await page.locator('table.message-list tbody tr[data-id]').evaluateAll((trs) => trs.map((tr) => ({
      pos: Number(tr.dataset.pos),
      id: tr.dataset.id,
      subject: tr.querySelector('td.col-subject a')?.textContent ?? '',
      marks: [...tr.querySelectorAll('mark')].map((m) => m.textContent),
    })));
    for (const r of rows) seen.set(r.pos, r);
    const atEnd = await scroller.evaluate((el) => {
      const end = el.scrollTop + el.clientHeight >= el.scrollHeight - 1;
      el.scrollTop += el.clientHeight * 0.8;
      return end;
    });
    if (atEnd) break;
  }
  return [...seen.values()].sort((a, b) => a.pos - b.pos);
}

/** Destroys `user`'s folders called `name`, with their messages. */
export async function destroyFolderNamed(user, name) {
  const r = await jmap(user, (a) => [['Mailbox/get', { accountId: a, properties: ['name'] }, 'm']]);
  const ids = r.m.list.filter((m) => m.name === name).map((m) => m.id);
  if (ids.length === 0) return;
  await jmap(user, (a) => [['Mailbox/set', { accountId: a, destroy: ids, onDestroyRemoveEmails: true }, 'd']]);
}

/** A fresh top-level folder `name` of `user` holding the raw messages given
 *  (strings or Buffers, any line ends), newest first in the given order.
 *  Returns { folderId, ids }. */
export async function importIntoFreshFolder(user, name, raws) {
  await destroyFolderNamed(user, name);
  const made = await jmap(user, (a) => [['Mailbox/set', { accountId: a, create: { box: { name, parentId: null } } }, 'c']]);
  const folderId = made.c.created?.box?.id;
  if (!folderId) throw new Error(`folder ${name}: ${JSON.stringify(made.c)}`);
  const auth = 'Basic ' + Buffer.from(`${user}:${PASSWORD}`).toString('base64');
  const session = await (await fetch(`${EDGE}/jmap/`, { headers: { Authorization: auth } })).json();
  const accountId = session.primaryAccounts['urn:ietf:params:jmap:mail'];
  const uploadUrl = new URL(session.uploadUrl.replace('{accountId}', encodeURIComponent(accountId)), EDGE);
  const blobs = [];
  for (const raw of raws) {
    // Cyrus refuses bare newlines; latin1 keeps every byte as it is.
    const text = (Buffer.isBuffer(raw) ? raw : Buffer.from(raw, 'utf8')).toString('latin1').replace(/\r?\n/g, '\r\n');
    const res = await fetch(uploadUrl, { method: 'POST', headers: { Authorization: auth, 'Content-Type': 'message/rfc822' }, body: Buffer.from(text, 'latin1') });
    const body = await res.json();
    if (!body.blobId) throw new Error(`upload: ${JSON.stringify(body)}`);
    blobs.push(body.blobId);
  }
  const newest = Date.now() - 3_600_000;
  const emails = Object.fromEntries(blobs.map((blobId, i) => [`e${i}`, {
    blobId, mailboxIds: { [folderId]: true }, keywords: {},
    receivedAt: new Date(newest - i * 60_000).toISOString().replace(/\.\d+Z$/, 'Z'),
  }]));
  const r = await jmap(user, (a) => [['Email/import', { accountId: a, emails }, 'i']]);
  const ids = blobs.map((_, i) => r.i.created?.[`e${i}`]?.id);
  // e<i> is the i-th message given (a corpus file, in its order).
  if (ids.some((id) => !id)) throw new Error(`import refused: ${JSON.stringify(r.i.notCreated)}`);
  return { folderId, ids };
}

/** Cyrus's calendars capability, for `jmap(user, calls, [CAL])`. */
export const CAL = 'https://cyrusimap.org/ns/jmap/calendars';
export const pad = (n) => String(n).padStart(2, '0');
/** « 2026-12-01 » of a local Date (the browser runs in Europe/Paris too). */
export const isoDay = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
export const plusDays = (d, n) => { const x = new Date(d); x.setDate(x.getDate() + n); return x; };
/** Monday of the current week, at noon. */
export function mondayNow() {
  const d = new Date();
  d.setHours(12, 0, 0, 0);
  d.setDate(d.getDate() - ((d.getDay() + 6) % 7));
  return d;
}
