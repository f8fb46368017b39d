// Journey: keyboard only, reach the inbox and open a folder without the
// mouse; axe-core finds no WCAG 2.1 A/AA violation on the login page and the inbox.
import { test, expect, axeViolations } from './fixtures.mjs';

async function tabTo(page, predicate, max = 60) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(predicate)) return;
  }
  throw new Error('focus never reached the target');
}

test('keyboard only: log in, reach the inbox, open a folder; axe clean', async ({ page }) => {
  await page.goto('/connexion');
  await expect(page.getByRole('heading', { name: 'Connexion à la messagerie' })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  await tabTo(page, () => document.activeElement?.id === 'login-user');
  await page.keyboard.type('mdupont');
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('login-password');
  await page.keyboard.type('autan-demo');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Boîte de réception' })).toBeVisible();
  await expect(page.locator('table.message-list tbody tr').first()).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  // Focus is visible: the focused link gets an outline.
  await tabTo(page, () => document.activeElement?.textContent?.includes('À traiter'));
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  expect(outline).not.toBe('none');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'À traiter' })).toBeVisible();
  await expect(page).toHaveURL(/\/courrier\/.+/);
  expect(await axeViolations(page)).toEqual([]);
});
