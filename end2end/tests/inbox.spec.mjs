// Journey: log in as the demo teacher, see the inbox as the server holds it,
// unread counts in the folder tree; log out and be back at the login.
import { test, expect, login, jmap, serverMailboxes, serverFirstPage } from './fixtures.mjs';

test('the teacher sees her inbox as the server holds it, then logs out', async ({ page }) => {
  const boxes = await serverMailboxes('mdupont');
  const inbox = boxes.find((m) => m.role === 'inbox');
  const truth = await serverFirstPage('mdupont', inbox.id);
  expect(truth.emails.length).toBeGreaterThan(10);

  await login(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Boîte de réception' })).toBeVisible();
  // The list is windowed: the rows in the DOM are the server's first ones.
  const rows = page.locator('table.message-list tbody tr[data-id]');
  await expect(rows.first()).toBeVisible();
  const n = await rows.count();
  expect(n).toBeGreaterThan(5);
  expect(n).toBeLessThan(truth.emails.length);
  const subjects = await page.locator('table.message-list tbody tr[data-id] td.col-subject').allInnerTexts();
  expect(subjects.map((s) => s.trim())).toEqual(truth.emails.slice(0, n).map((e) => (e.subject || '(sans objet)').trim()));
  const unreadRows = await page.locator('table.message-list tbody tr.unread').count();
  expect(unreadRows).toBe(truth.emails.slice(0, n).filter((e) => !e.keywords?.$seen).length);
  await expect(page.getByText(`${truth.total} messages`, { exact: true })).toBeVisible();

  // Every folder with unread mail shows the server's count; the others none.
  const tree = page.getByRole('navigation', { name: 'Dossiers' });
  const withUnread = boxes.filter((m) => m.unreadEmails > 0);
  expect(withUnread.length).toBeGreaterThan(0);
  await expect(tree.locator('.badge')).toHaveCount(withUnread.length);
  const badgeTexts = (await tree.locator('.badge').allInnerTexts()).map(Number).sort((a, b) => a - b);
  expect(badgeTexts).toEqual(withUnread.map((m) => m.unreadEmails).sort((a, b) => a - b));
  await expect(tree.getByRole('link', { name: new RegExp(`^Boîte de réception\\s*,\\s*${inbox.unreadEmails} non lus`) })).toBeVisible();

  // The date column is in French format with the full date on hover.
  const firstDate = page.locator('table.message-list tbody tr[data-id]').first().locator('time');
  await expect(firstDate).toHaveAttribute('title', /^(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) \d/);

  // The quota as the server counts it: 200 MB, with the percentage written out.
  const quota = (await jmap('mdupont', (a) => [['Quota/get', { accountId: a }, 'q']], ['https://cyrusimap.org/ns/jmap/quota'])).q.list.find((q) => q.id === 'mail');
  expect(quota.total).toBe(200 * 1024 * 1024);
  const percent = Math.floor((quota.used * 100) / quota.total);
  await expect(tree.locator('.quota progress')).toHaveAttribute('value', String(percent));
  await expect(tree.getByText(new RegExp(`sur 200 Mo \\(${percent} %\\)`))).toBeVisible();

  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await expect(page).toHaveURL(/\/connexion/);
  await expect(page.getByRole('heading', { name: 'Connexion à la messagerie' })).toBeVisible();
  await expect(page.getByText('Vous êtes déconnecté.')).toBeVisible();
  // Nothing of the mailbox is left in the page.
  await expect(page.locator('table.message-list')).toHaveCount(0);
});

test('a remembered inbox id the server no longer knows is forgotten; the inbox opens', async ({ page }) => {
  await page.goto('/connexion');
  await page.evaluate(() => localStorage.setItem('autan.inbox_hint.mdupont', 'dossier-disparu'));
  await login(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Boîte de réception' })).toBeVisible();
  await expect(page.locator('table.message-list tbody tr[data-id]').first()).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: /erreur/ })).toHaveCount(0);
  expect(await page.evaluate(() => localStorage.getItem('autan.inbox_hint.mdupont'))).not.toBe('dossier-disparu');
});
