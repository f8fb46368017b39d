// Journey (frame): Courrier, Agenda and Contacts are bundles of their own
// (index.html, agenda.html, contacts.html). The mailbox never loads the
// agenda's code; the top bar goes from one to the other with the session
// kept (one JMAP request per view, no new login); logging out anywhere
// lands on the login page, which brings the person back where they were;
// a message waiting for its undo delay still leaves when the page does.
import { test, expect, login, jmap, serverMailboxes } from './fixtures.mjs';

/** The requests of `page` from now on: { url, method, calls }. */
function record(page) {
  const seen = [];
  page.on('request', (r) => {
    let calls = [];
    try { calls = JSON.parse(r.postData() || '{}').methodCalls?.map((c) => c[0]) ?? []; } catch { /* not JMAP */ }
    seen.push({ url: r.url(), method: r.method(), calls });
  });
  return seen;
}
const wasm = (seen) => seen.filter((r) => r.url.endsWith('.wasm')).map((r) => new URL(r.url).pathname.replace(/-[0-9a-f]+_bg\.wasm$/, ''));
const posts = (seen) => seen.filter((r) => r.method === 'POST' && r.url.includes('/jmap'));

test('the top bar goes from bundle to bundle with the session kept, one request per view', async ({ page }) => {
  const seen = record(page);
  await login(page);
  await expect(page.locator('table.message-list tbody tr[data-id]').first()).toBeVisible();
  expect(wasm(seen)).toEqual(['/autan']);

  seen.length = 0;
  const nav = page.getByRole('navigation', { name: 'Navigation principale' });
  await nav.getByRole('link', { name: 'Agenda' }).click();
  await expect(page).toHaveURL(/\/agenda$/);
  await expect(page.getByRole('heading', { level: 1, name: /^Semaine du lundi/ })).toBeVisible();
  await expect(page.locator('.calendar-row').first()).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(wasm(seen)).toEqual(['/agenda']);
  // no session fetch, no login: the view's one request
  expect(seen.filter((r) => r.method === 'GET' && /\/jmap\/?$|well-known/.test(new URL(r.url).pathname))).toEqual([]);
  expect(posts(seen).map((r) => r.calls.join('+'))).toHaveLength(1);
  await expect(nav.getByRole('link', { name: 'Agenda' })).toHaveAttribute('aria-current', 'page');

  seen.length = 0;
  await nav.getByRole('link', { name: 'Contacts', exact: true }).click();
  await expect(page).toHaveURL(/\/contacts$/);
  await expect(page.locator('.people .person').first()).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(wasm(seen)).toEqual(['/contacts']);
  expect(posts(seen)).toHaveLength(1);

  await nav.getByRole('link', { name: 'Courrier' }).click();
  await expect(page.locator('table.message-list tbody tr[data-id]').first()).toBeVisible();
  // the back button returns to the address book
  await page.goBack();
  await expect(page.locator('.people .person').first()).toBeVisible();
});

test('logging out of the Agenda shows why; logging in again returns to it', async ({ page }) => {
  await login(page);
  await expect(page.locator('table.message-list tbody tr[data-id]').first()).toBeVisible();
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Agenda' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Semaine du lundi/ })).toBeVisible();
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Vous êtes déconnecté.' })).toBeVisible();
  await expect(page).toHaveURL(/\/connexion\?retour=%2Fagenda$/);
  await page.getByLabel('Identifiant').fill('mdupont');
  await page.getByLabel('Mot de passe').fill('autan-demo');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page).toHaveURL(/\/agenda$/);
  await expect(page.getByRole('heading', { level: 1, name: /^Semaine du lundi/ })).toBeVisible();
});

test('a link to the Contacts without a session asks for the login, then opens them', async ({ page }) => {
  await page.goto('/contacts');
  await expect(page.getByLabel('Identifiant')).toBeVisible();
  await expect(page).toHaveURL(/\/connexion\?retour=%2Fcontacts$/);
  await page.getByLabel('Identifiant').fill('mdupont');
  await page.getByLabel('Mot de passe').fill('autan-demo');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page).toHaveURL(/\/contacts$/);
  await expect(page.locator('.people .person').first()).toBeVisible();
});

test('a message waiting for its undo delay leaves when the person goes to the Agenda', async ({ page }) => {
  const subject = `Parti en quittant ${Date.now()}`;
  await login(page);
  await page.getByRole('link', { name: 'Écrire' }).click();
  await page.getByRole('combobox', { name: 'À' }).fill('helene.garnier@ac-toulouse.fr,');
  await page.getByLabel('Objet').fill(subject);
  await page.getByLabel('Message', { exact: true }).fill('Envoyé avant de quitter le Courrier.');
  await page.getByRole('button', { name: 'Envoyer' }).click();
  await expect(page.getByRole('button', { name: "Annuler l'envoi" })).toBeVisible();
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Agenda' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Semaine du lundi/ })).toBeVisible();
  const boxes = await serverMailboxes('mdupont');
  const sentBox = boxes.find((b) => b.role === 'sent').id;
  const where = async () => {
    const r = await jmap('mdupont', (a) => [
      ['Email/query', { accountId: a, filter: { subject } }, 'q'],
      ['Email/get', { accountId: a, '#ids': { resultOf: 'q', name: 'Email/query', path: '/ids' }, properties: ['mailboxIds', 'keywords'] }, 'g'],
    ]);
    return r.g.list.map((e) => (e.mailboxIds[sentBox] && !e.keywords.$draft ? 'sent' : 'draft'));
  };
  await expect.poll(where).toEqual(['sent']);
});
