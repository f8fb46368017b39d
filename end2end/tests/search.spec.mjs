// Journey (Courrier, search): a word present in exactly N seeded messages
// returns N results with the word highlighted.
import { test, expect, login, jmap, axeViolations } from './fixtures.mjs';

test('quick search finds the N messages holding a word, highlighted', async ({ page }) => {
  // The first of these words that the server finds in 1 to 50 messages
  // (the list's first page): the server's count is the truth to match.
  let word; let n = 0;
  for (const w of ['Vigipirate', 'évacuation', 'CLEMI', 'Augustins', 'orientation']) {
    const truth = await jmap('mdupont', (a) => [['Email/query', { accountId: a, filter: { text: w }, calculateTotal: true, limit: 1 }, 'q']]);
    if (truth.q.total >= 1 && truth.q.total <= 50) { word = w; n = truth.q.total; break; }
  }
  expect(word, 'a seeded word found in 1..50 messages').toBeTruthy();

  await login(page);
  await expect(page.locator('table.message-list tbody tr').first()).toBeVisible();
  const box = page.getByRole('searchbox', { name: 'Rechercher dans tous les dossiers' });
  await box.fill(word);
  await box.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: `Résultats pour « ${word} »` })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`\\?q=${encodeURIComponent(word)}`));
  const rows = page.locator('table.message-list tbody tr');
  await expect(rows).toHaveCount(n);
  // Every result shows the word highlighted (subject or preview).
  for (let i = 0; i < n; i++) {
    await expect(rows.nth(i).locator('mark').filter({ hasText: new RegExp(word.normalize('NFC'), 'i') }).first()).toBeVisible();
  }
  expect(await axeViolations(page)).toEqual([]);

  // Opening a result keeps the search; closing it comes back to the results.
  await rows.first().locator('td.col-subject a').click();
  await expect(page.getByRole('region').filter({ has: page.locator('#reader-subject') })).toBeVisible();
  await page.getByRole('link', { name: 'Fermer le message' }).click();
  await expect(rows).toHaveCount(n);
});
