// Journey: the backend stops while the user is logged in: a clear « serveur
// injoignable » notice, nothing lost, and recovery when it comes back.
import { test, expect, login, stack } from './fixtures.mjs';

test('backend stopped: « serveur injoignable », then recovery', async ({ page }) => {
  test.setTimeout(120_000);
  await login(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Boîte de réception' })).toBeVisible();
  const rowsBefore = await page.locator('table.message-list tbody tr').count();
  expect(rowsBefore).toBeGreaterThan(0);

  stack('stop-cyrus');
  try {
    await page.getByRole('navigation', { name: 'Dossiers' }).getByRole('link', { name: /^Archives/ }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Serveur injoignable' });
    await expect(alert).toBeVisible();
    // Nothing is lost: the inbox rows are still on screen.
    await expect(page.locator('table.message-list tbody tr')).toHaveCount(rowsBefore);
  } finally {
    stack('start-cyrus');
  }
  // Recovery without reload: the notice goes, the folder asked for opens.
  await expect(page.getByRole('alert').filter({ hasText: 'Serveur injoignable' })).toHaveCount(0, { timeout: 30_000 });
  await expect(page.getByRole('status').filter({ hasText: 'Connexion au serveur rétablie' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Archives' })).toBeVisible();
});
