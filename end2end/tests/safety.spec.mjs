// Journeys of the safety issue, on messages imported into a fresh folder of
// sbernard: remote images and tracking pixels held back until « Afficher »;
// deceptive links and look-alike senders named with their real domain (in
// the reading pane, on hover inside the frame, and on the page a click
// opens); « Signaler un hameçonnage » forwards the message as an attachment
// and moves it to Indésirables; axe-core clean with every banner shown.
import { test, expect, login, jmap, axeViolations, importIntoFreshFolder, destroyFolderNamed } from './fixtures.mjs';
import http from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const USER = 'sbernard';
const FOLDER = 'Sécurité e2e';
const PORT = 8926;
const sinkLog = path.join(process.env.AUTAN_STACK_DIR || '/tmp/autan-stack', 'smtp-sink/log.jsonl');
const sinkLines = () => (existsSync(sinkLog) ? readFileSync(sinkLog, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)) : []);

const GIF = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');
const hits = [];
let server;
let folderId;
const stamp = Date.now().toString(36);
const subjects = {
  tracking: `Lettre d'information ${stamp}`,
  phishing: `Votre boîte aux lettres est pleine ${stamp}`,
};

// Headers in RFC 2047 words: raw 8-bit headers are not what mail carries.
const word = (s) => `=?UTF-8?B?${Buffer.from(s).toString('base64')}?=`;
const html = (from, subject, body) => `From: ${from.replace(/^([^<]+?) </, (_, n) => `${word(n)} <`)}
To: Sophie Bernard <sbernard@ac-toulouse.fr>
Subject: ${word(subject)}
Date: Mon, 30 Nov 2026 08:00:00 +0100
Message-ID: <${subject.replace(/\W+/g, '.')}@e2e.example>
MIME-Version: 1.0
Content-Type: text/html; charset=utf-8

${body}
`;

test.beforeAll(async () => {
  server = http.createServer((req, res) => {
    hits.push(req.url);
    res.writeHead(200, { 'Content-Type': 'image/gif', 'Cache-Control': 'no-store' });
    res.end(GIF);
  });
  await new Promise((resolve) => server.listen(PORT, '127.0.0.1', resolve));
  ({ folderId } = await importIntoFreshFolder(USER, FOLDER, [
    html('Lettre info <news@editeur-scolaire.example>', subjects.tracking,
      `<p style="color:#8c1d40;font-weight:bold">Nouveautés de la rentrée</p>
<img alt="Logo de l'éditeur" src="http://127.0.0.1:${PORT}/logo.gif?${stamp}" width="120" height="40">
<img alt="" src="http://127.0.0.1:${PORT}/open.gif?${stamp}" width="1" height="1">`),
    html('Support académique <support@ac-tou1ouse.fr>', subjects.phishing,
      `<p>Votre boîte aux lettres est pleine. Vérifiez votre compte et saisissez votre mot de passe ici :</p>
<p><a id="piege" href="https://evil.example/owa/login">https://webmail.ac-toulouse.fr/</a></p>`),
  ]));
});

test.afterAll(async () => {
  await destroyFolderNamed(USER, FOLDER);
  server?.closeAllConnections?.();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
});

async function open(page, subject) {
  await page.goto(`/courrier/${encodeURIComponent(folderId)}`);
  await page.locator('table.message-list').getByRole('link', { name: subject, exact: true }).click();
  await expect(page.locator('#reader-subject')).toHaveText(subject);
}

test('remote images and tracking pixels wait for « Afficher »', async ({ page }) => {
  await login(page, USER);
  await expect(page.locator('table.message-list')).toBeVisible();
  await open(page, subjects.tracking);
  const bar = page.getByRole('region', { name: 'Contenu distant' });
  await expect(bar).toContainText('Des images distantes ont été bloquées (2)');
  await expect(bar).toContainText('Dont 1 pixel(s) espion(s)');
  await expect(page.getByText(/Ce message vient de l'extérieur de l'académie \(editeur-scolaire\.example\)/)).toBeVisible();
  const frame = page.frameLocator('iframe.body-html');
  await expect(frame.getByText('Nouveautés de la rentrée')).toBeVisible();
  // Kept style, through the data: sheet (no inline style in the frame).
  await expect(frame.getByText('Nouveautés de la rentrée')).toHaveCSS('color', 'rgb(140, 29, 64)');
  await expect(frame.getByAltText("Logo de l'éditeur")).not.toHaveAttribute('src', /./);
  await page.waitForTimeout(500);
  expect(hits, 'nothing left the browser before consent').toEqual([]);
  expect(await axeViolations(page)).toEqual([]);

  await bar.getByRole('button', { name: 'Afficher', exact: true }).click();
  await expect(bar).toBeHidden();
  // (The frame and its measuring twin may both ask.)
  await expect.poll(() => [...new Set(hits.filter((h) => h.includes(stamp)))].sort()).toEqual([`/logo.gif?${stamp}`, `/open.gif?${stamp}`]);
  await expect.poll(() => frame.getByAltText("Logo de l'éditeur").evaluate((img) => img.naturalWidth)).toBe(1);
});

test('a deceptive link and a look-alike sender are named, and the click shows the real site', async ({ page, context }) => {
  await login(page, USER);
  await expect(page.locator('table.message-list')).toBeVisible();
  await open(page, subjects.phishing);
  const reader = page.locator('.reader');
  await expect(reader.getByText(/l'adresse de l'expéditeur \(ac-tou1ouse\.fr\) imite celle de l'académie \(ac-toulouse\.fr\)/)).toBeVisible();
  await expect(reader.getByText(/ce message demande vos identifiants ou votre mot de passe/)).toBeVisible();
  await expect(reader.getByText('Le texte affiche « webmail.ac-toulouse.fr » mais le lien mène à evil.example.')).toBeVisible();

  const link = page.frameLocator('iframe.body-html').locator('a#m-piege');
  await expect(link).toHaveAttribute('title', 'Lien réel : evil.example');
  await link.hover();
  await expect.poll(() => link.evaluate((a) => getComputedStyle(a, '::after').content)).toContain('evil.example');
  expect(await axeViolations(page)).toEqual([]);

  const [tab] = await Promise.all([context.waitForEvent('page'), link.click()]);
  await tab.waitForLoadState();
  expect(new URL(tab.url()).pathname).toBe('/lien');
  await expect(tab.getByRole('heading', { name: "Ce lien n'est peut-être pas celui qu'il prétend être" })).toBeVisible();
  await expect(tab.locator('.real-host')).toHaveText('evil.example');
  await expect(tab.getByText('Le texte du lien affichait : webmail.ac-toulouse.fr')).toBeVisible();
  await expect(tab.getByRole('link', { name: 'Continuer quand même vers evil.example' })).toHaveAttribute('href', 'https://evil.example/owa/login');
  expect(await axeViolations(tab)).toEqual([]);
  await tab.close();
});

test('« Signaler un hameçonnage » forwards the message as an attachment and moves it to Indésirables', async ({ page }) => {
  await login(page, USER);
  await expect(page.locator('table.message-list')).toBeVisible();
  await open(page, subjects.phishing);
  const before = sinkLines().length;
  await page.getByRole('button', { name: 'Signaler un hameçonnage' }).click();
  const dialog = page.getByRole('dialog', { name: 'Signaler un hameçonnage' });
  await expect(dialog).toContainText('signalement-phishing@ac-toulouse.fr');
  await dialog.getByRole('button', { name: 'Signaler', exact: true }).click();
  await expect(page.getByText('Message signalé et déplacé dans Indésirables. Merci !')).toBeVisible();
  await expect(page.locator('table.message-list').getByRole('link', { name: subjects.phishing, exact: true })).toHaveCount(0);

  await expect.poll(() => sinkLines().slice(before).filter((l) => (l.rcpt_to || []).includes('signalement-phishing@ac-toulouse.fr')).length).toBe(1);
  const r = await jmap(USER, (a) => [
    ['Mailbox/get', { accountId: a, properties: ['role'] }, 'm'],
    ['Email/query', { accountId: a, filter: { header: ['Message-ID', `${subjects.phishing.replace(/\W+/g, '.')}@e2e.example`] } }, 'q'],
    ['Email/get', { accountId: a, '#ids': { resultOf: 'q', name: 'Email/query', path: '/ids' }, properties: ['mailboxIds', 'keywords'] }, 'g'],
  ]);
  const junk = r.m.list.find((m) => m.role === 'junk');
  expect(r.g.list).toHaveLength(1);
  expect(Object.keys(r.g.list[0].mailboxIds)).toEqual([junk.id]);
  expect(r.g.list[0].keywords.$junk).toBe(true);
  // The report itself is in Envoyés with the original attached.
  const sent = r.m.list.find((m) => m.role === 'sent');
  const s = await jmap(USER, (a) => [
    ['Email/query', { accountId: a, filter: { inMailbox: sent.id }, sort: [{ property: 'receivedAt', isAscending: false }], limit: 1 }, 'q'],
    ['Email/get', { accountId: a, '#ids': { resultOf: 'q', name: 'Email/query', path: '/ids' }, properties: ['subject', 'to', 'attachments'] }, 'g'],
  ]);
  expect(s.g.list[0].subject).toBe(`Signalement d'hameçonnage : ${subjects.phishing}`);
  expect(s.g.list[0].attachments.map((p) => p.type)).toEqual(['message/rfc822']);
});
