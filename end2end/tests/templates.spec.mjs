// « Modèles »: save a message as a template (the Modèles folder is created
// with the first one), then start a new message from it.
import { test, expect, login, jmap, serverMailboxes } from './fixtures.mjs';

test('save a template, then write from it', async ({ page }) => {
  const stamp = Date.now().toString(36);
  const subject = `Convocation des parents ${stamp}`;
  const text = 'Madame, Monsieur,\n\nVous êtes invités à la réunion parents-professeurs de la 3e B.';

  await login(page);
  await page.getByRole('link', { name: 'Écrire' }).click();
  await page.getByLabel('Objet').fill(subject);
  await page.getByLabel('Message', { exact: true }).fill(text);
  await page.getByRole('button', { name: 'Enregistrer comme modèle' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Modèle enregistré' })).toBeVisible();
  const folder = (await serverMailboxes('mdupont')).find((m) => m.name === 'Modèles');
  expect(folder).toBeTruthy();
  // (By folder, not by a subject search: the search index lags a little.)
  const all = await jmap('mdupont', (a) => [
    ['Email/query', { accountId: a, filter: { inMailbox: folder.id } }, 'q'],
    ['Email/get', { accountId: a, '#ids': { resultOf: 'q', name: 'Email/query', path: '/ids' }, properties: ['subject', 'keywords'] }, 'g'],
  ]);
  const mine = all.g.list.filter((e) => e.subject === subject);
  expect(mine).toHaveLength(1);
  expect(mine[0].keywords.$draft).toBe(true);
  await page.getByRole('button', { name: 'Abandonner' }).click();

  // A new message from the template.
  await page.getByRole('link', { name: 'Écrire' }).click();
  await page.getByLabel('Partir d\'un modèle').selectOption({ label: subject });
  await page.getByRole('button', { name: 'Utiliser le modèle' }).click();
  await expect(page.getByLabel('Objet')).toHaveValue(subject);
  await expect(page.getByLabel('Message', { exact: true })).toHaveValue(text);
  await page.getByRole('button', { name: 'Abandonner' }).click();

  await jmap('mdupont', (a) => [['Email/set', { accountId: a, destroy: [mine[0].id] }, 'd']]);
});
