// Journey « Brouillon en sécurité »: a long draft is typed, the backend
// stops, typing goes on, the page is reloaded: the text is still there; the
// backend comes back: the draft is saved to Brouillons.
import { test, expect, login, jmap, serverMailboxes, stack } from './fixtures.mjs';

async function draftsWith(subject) {
  const drafts = (await serverMailboxes('mdupont')).find((m) => m.role === 'drafts');
  const r = await jmap('mdupont', (a) => [
    ['Email/query', { accountId: a, filter: { inMailbox: drafts.id, subject } }, 'q'],
    ['Email/get', { accountId: a, '#ids': { resultOf: 'q', name: 'Email/query', path: '/ids' }, properties: ['subject', 'bodyValues', 'textBody', 'keywords'], fetchTextBodyValues: true }, 'g'],
  ]);
  return r.g.list.map((e) => ({ id: e.id, subject: e.subject, text: Object.values(e.bodyValues || {}).map((v) => v.value).join('\n'), draft: e.keywords.$draft === true }));
}

test('a draft survives a stopped backend and a reload, then reaches Brouillons', async ({ page }) => {
  test.setTimeout(150_000);
  const stamp = Date.now().toString(36);
  const subject = `Compte rendu du conseil pédagogique ${stamp}`;
  const online = 'Mesdames, Messieurs,\n\n' + 'Le conseil pédagogique a examiné les projets de l\'année, les sorties et les devoirs communs. '.repeat(12);
  const offline = `\nSuite écrite hors connexion ${stamp} : les horaires de la salle polyvalente restent inchangés.`;

  await login(page);
  await page.getByRole('link', { name: 'Écrire' }).click();
  await page.getByLabel('Objet').fill(subject);
  const body = page.getByLabel('Message', { exact: true });
  await body.fill(online);

  stack('stop-cyrus');
  try {
    // Typing goes on while the server is gone.
    await body.press('End');
    await body.pressSequentially(offline.slice(0, 40));
    await body.pressSequentially(offline.slice(40));
    await expect(page.getByRole('status').filter({ hasText: 'Serveur injoignable' })).toBeVisible({ timeout: 20_000 });

    // A reload keeps the session of this tab and the text typed.
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Nouveau message' })).toBeVisible();
    await expect(page.getByLabel('Objet')).toHaveValue(subject);
    await expect(page.getByLabel('Message', { exact: true })).toHaveValue(online + offline);
    await expect(page.getByRole('status').filter({ hasText: 'Brouillon non enregistré récupéré' })).toBeVisible();
  } finally {
    stack('start-cyrus');
  }

  // Back online: the autosave puts the whole text into Brouillons.
  await expect.poll(async () => (await draftsWith(stamp)).find((d) => d.text.includes(offline.trim()))?.draft ?? false,
    { timeout: 60_000 }).toBe(true);
  const saved = await draftsWith(stamp);
  expect(saved).toHaveLength(1);
  expect(saved[0].subject).toBe(subject);
  expect(saved[0].text).toBe(online + offline);
  await expect(page.getByRole('status').filter({ hasText: 'Brouillon enregistré automatiquement' })).toBeVisible();

  // « Abandonner » drops it, here and on the server.
  await page.getByRole('button', { name: 'Abandonner' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Boîte de réception' })).toBeVisible();
  await expect.poll(async () => (await draftsWith(stamp)).length).toBe(0);
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('autan.draft.')))).toEqual([]);
});
