// Journey (Courrier, search): a word present in exactly N seeded messages
// returns N results with the word highlighted.
import { test, expect, login, jmap, axeViolations, readAllRows } from './fixtures.mjs';

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
  await expect(page.getByText(`${n} messages`, { exact: true })).toBeVisible();
  // Every result (read by scrolling the windowed list) shows the word
  // highlighted, in its subject or preview.
  const all = await readAllRows(page);
  expect(all.map((r) => r.pos)).toEqual([...Array(n).keys()]);
  const re = new RegExp(word.normalize('NFC'), 'i');
  for (const r of all) expect(r.marks.some((m) => re.test(m.normalize('NFC'))), r.subject).toBe(true);
  await page.locator('.list-scroll').evaluate((el) => { el.scrollTop = 0; });
  const rows = page.locator('table.message-list tbody tr[data-id]');
  expect(await axeViolations(page)).toEqual([]);

  // Opening a result keeps the search; closing it comes back to the results.
  await rows.first().locator('td.col-subject a').click();
  await expect(page.getByRole('region').filter({ has: page.locator('#reader-subject') })).toBeVisible();
  await page.getByRole('link', { name: 'Fermer le message' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Résultats pour « ${word} »` })).toBeVisible();
  await expect(page.getByText(`${n} messages`, { exact: true })).toBeVisible();
});
