// Advanced search: sender and « avec pièce jointe » give the server's count,
// the criteria are in the URL, and the rows are the server's.
import { test, expect, login, jmap, axeViolations } from './fixtures.mjs';

test('advanced search by sender with attachments', async ({ page }) => {
  const truth = await jmap('mdupont', (a) => [
    ['Email/query', { accountId: a, filter: { from: 'garnier', hasAttachment: true }, sort: [{ property: 'receivedAt', isAscending: false }], calculateTotal: true, limit: 5 }, 'q'],
    ['Email/get', { accountId: a, '#ids': { resultOf: 'q', name: 'Email/query', path: '/ids' }, properties: ['subject', 'from'] }, 'g'],
  ]);
  const n = truth.q.total;
  expect(n, 'the seed has mail from Mme Garnier with attachments').toBeGreaterThan(0);

  await login(page);
  await page.getByRole('button', { name: 'Recherche avancée' }).click();
  const dialog = page.getByRole('dialog', { name: 'Recherche avancée' });
  await dialog.getByLabel('De', { exact: true }).fill('garnier');
  await dialog.getByLabel('Avec pièce jointe').check();
  expect(await axeViolations(page)).toEqual([]);
  await dialog.getByRole('button', { name: 'Rechercher' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Résultats de la recherche avancée' })).toBeVisible();
  await expect(page).toHaveURL(/from=garnier/);
  await expect(page).toHaveURL(/att=1/);
  await expect(page.getByText(`${n} messages`, { exact: true })).toBeVisible();
  const ids = await page.locator('table.message-list tbody tr[data-id]').evaluateAll((trs) => trs.map((t) => t.dataset.id));
  expect(ids.slice(0, truth.q.ids.length)).toEqual(truth.q.ids);
  // Reloading the URL gives the same results.
  await page.reload();
  await expect(page.getByText(`${n} messages`, { exact: true })).toBeVisible();
});
