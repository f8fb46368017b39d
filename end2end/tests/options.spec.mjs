// Options: a signature typed once is added to new messages and replies; new
// mail raises a desktop notification when asked for and Autan is not in front.
import { test, expect, login, jmap, serverMailboxes, axeViolations } from './fixtures.mjs';

test('the signature is added to new messages', async ({ page }) => {
  await login(page, 'sbernard');
  await page.getByRole('link', { name: 'Options' }).click();
  const signature = `Sophie Bernard\nSecrétariat de direction — ${Date.now().toString(36)}`;
  await page.getByLabel('Texte ajouté à la fin de vos messages').fill(signature);
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Signature enregistrée.' })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await page.getByRole('link', { name: 'Courrier' }).click();
  await page.getByRole('link', { name: 'Écrire' }).click();
  await expect(page.getByLabel('Message', { exact: true })).toHaveValue(`\n\n-- \n${signature}`);
});

test('new mail raises a desktop notification when asked for', async ({ page, context }) => {
  // The browser's Notification, recorded; the tab counts as not in front.
  await page.addInitScript(() => {
    window.__notes = [];
    class FakeNotification {
      constructor(title, options) { window.__notes.push({ title, body: options?.body }); }
      static get permission() { return window.__granted ? 'granted' : 'default'; }
      static requestPermission() { window.__granted = true; return Promise.resolve('granted'); }
    }
    window.Notification = FakeNotification;
    document.hasFocus = () => false;
  });
  await login(page, 'jmartin');
  await page.getByRole('link', { name: 'Options' }).click();
  const box = page.getByLabel(/Me prévenir des nouveaux messages/);
  await box.check();
  await expect(box).toBeChecked();
  await page.getByRole('link', { name: 'Courrier' }).click();
  await expect(page.locator('table.message-list tbody tr[data-id]').first()).toBeVisible();

  const inbox = (await serverMailboxes('jmartin')).find((m) => m.role === 'inbox');
  const made = await jmap('jmartin', (a) => [['Email/set', { accountId: a, create: { n: {
    mailboxIds: { [inbox.id]: true },
    from: [{ name: 'Hélène Garnier', email: 'helene.garnier@ac-toulouse.fr' }],
    subject: `Réunion de rentrée ${Date.now().toString(36)}`,
    bodyValues: { b: { value: 'Bonjour' } },
    textBody: [{ partId: 'b', type: 'text/plain' }],
  } } }, 's']]);
  expect(made.s.created?.n?.id).toBeTruthy();
  // Window focus makes Autan check at once (else within 30 s).
  await page.evaluate(() => window.dispatchEvent(new Event('focus')));
  await expect.poll(() => page.evaluate(() => window.__notes), { timeout: 40_000 })
    .toEqual([{ title: 'Autan — nouveau courrier', body: '1 nouveau(x) message(s) dans la Boîte de réception' }]);
});
