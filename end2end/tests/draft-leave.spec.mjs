// Leaving « Écrire » with unsaved text: the draft is saved to Brouillons on
// the way out (and the page keeps working).
import { test, expect, login, jmap, serverMailboxes } from './fixtures.mjs';

test('leaving compose saves the draft', async ({ page }) => {
  const stamp = Date.now().toString(36);
  const subject = `Brouillon en partant ${stamp}`;
  await login(page);
  await page.getByRole('link', { name: 'Écrire' }).click();
  await page.getByLabel('Objet').fill(subject);
  await page.getByLabel('Message', { exact: true }).fill('Texte à garder.');
  // Leave at once, before the 3-second autosave.
  await page.getByRole('link', { name: 'Courrier', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Boîte de réception' })).toBeVisible();
  const drafts = (await serverMailboxes('mdupont')).find((m) => m.role === 'drafts');
  const find = async () => {
    const r = await jmap('mdupont', (a) => [
      ['Email/query', { accountId: a, filter: { inMailbox: drafts.id } }, 'q'],
      ['Email/get', { accountId: a, '#ids': { resultOf: 'q', name: 'Email/query', path: '/ids' }, properties: ['subject'] }, 'g'],
    ]);
    return r.g.list.filter((e) => e.subject === subject);
  };
  await expect.poll(async () => (await find()).length).toBe(1);
  // Nothing is left on the device once Brouillons has it.
  await expect.poll(() => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('autan.draft.')).length)).toBe(0);
  const ids = (await find()).map((e) => e.id);
  await jmap('mdupont', (a) => [['Email/set', { accountId: a, destroy: ids }, 'd']]);
});
