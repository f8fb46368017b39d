// Journey: a wrong password gives a clear French error, no crash, and the
// form keeps the login.
import { test, expect, login } from './fixtures.mjs';

test('wrong password: clear French error, login kept, no crash', async ({ page }) => {
  await login(page, 'mdupont', 'pas-le-bon-mot-de-passe');
  const alert = page.locator('#login-error');
  await expect(alert).toHaveText(/Identifiant ou mot de passe incorrect/);
  await expect(alert).toHaveAttribute('role', 'alert');
  await expect(page.getByLabel('Identifiant')).toHaveValue('mdupont');
  await expect(page.getByLabel('Identifiant')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Mot de passe')).toHaveValue('');
  await expect(page).toHaveURL(/\/connexion/);

  // The app is still alive: the right password now works.
  await page.getByLabel('Mot de passe').fill('autan-demo');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Boîte de réception' })).toBeVisible();
});

test('empty form: says what is missing without calling the server', async ({ page }) => {
  const requests = [];
  page.on('request', (r) => { if (r.url().includes('/jmap')) requests.push(r.url()); });
  await page.goto('/connexion');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.locator('#login-error')).toHaveText(/Saisissez votre identifiant et votre mot de passe/);
  expect(requests).toEqual([]);
});
