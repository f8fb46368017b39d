// Journey « Clavier seul »: open a message, reply, send and archive without
// the mouse; axe-core finds no violation on list, reading pane and compose.
import { test, expect, jmap, serverMailboxes, axeViolations, PASSWORD } from './fixtures.mjs';

test('open, reply, send and archive with the keyboard only', async ({ page }) => {
  test.setTimeout(90_000);
  const boxes = await serverMailboxes('mdupont');
  const inbox = boxes.find((m) => m.role === 'inbox');
  const archive = boxes.find((m) => m.role === 'archive');
  const sent = boxes.find((m) => m.role === 'sent');

  // Log in with the keyboard.
  await page.goto('/connexion');
  await page.getByLabel('Identifiant').focus();
  await page.keyboard.type('mdupont');
  await page.keyboard.press('Tab');
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Boîte de réception' })).toBeVisible();
  await expect(page.locator('table.message-list tbody tr[data-id]').first()).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  // « ? » shows the shortcuts; Échap closes them.
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Raccourcis clavier' });
  await expect(help.getByRole('cell', { name: 'Répondre', exact: true })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();

  // « j » opens the first message of the list.
  const top = await jmap('mdupont', (a) => [
    ['Email/query', { accountId: a, filter: { inMailbox: inbox.id }, sort: [{ property: 'receivedAt', isAscending: false }], limit: 1 }, 'q'],
    ['Email/get', { accountId: a, '#ids': { resultOf: 'q', name: 'Email/query', path: '/ids' }, properties: ['subject', 'from'] }, 'g'],
  ]);
  const first = top.g.list[0];
  await page.keyboard.press('j');
  await expect(page).toHaveURL(new RegExp(`m=${encodeURIComponent(first.id)}`));
  const bare = first.subject.replace(/^(re|fwd) ?: ?/i, '');
  await expect(page.locator('#reader-subject')).toContainText(bare);
  expect(await axeViolations(page)).toEqual([]);

  // « r » replies: the body has the focus, the quote below.
  await page.keyboard.press('r');
  await expect(page.getByRole('heading', { level: 1, name: 'Répondre' })).toBeVisible();
  const body = page.getByLabel('Message', { exact: true });
  await expect(body).toBeFocused();
  await expect(body).toHaveValue(/a écrit :\n> /);
  await expect(page.getByLabel('Objet')).toHaveValue(`Re: ${bare}`);
  const words = `Réponse au clavier ${Date.now().toString(36)}`;
  await page.keyboard.type(words);
  expect(await axeViolations(page)).toEqual([]);
  // Ctrl + Entrée sends (after the undo delay).
  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('status').filter({ hasText: /envoyé dans/ })).toBeVisible();
  await expect.poll(async () => {
    const r = await jmap('mdupont', (a) => [['Email/query', { accountId: a, filter: { inMailbox: sent.id, body: words } }, 'q']]);
    return r.q.ids.length;
  }, { timeout: 30_000 }).toBe(1);
  // The original is marked answered.
  await expect.poll(async () => {
    const r = await jmap('mdupont', (a) => [['Email/get', { accountId: a, ids: [first.id], properties: ['keywords'] }, 'g']]);
    return r.g.list[0].keywords.$answered === true;
  }).toBe(true);

  // Back in the inbox: « j » opens the first message, « e » archives it.
  await expect(page.getByRole('heading', { level: 1, name: 'Boîte de réception' })).toBeVisible();
  await page.keyboard.press('j');
  await expect(page).toHaveURL(new RegExp(`m=${encodeURIComponent(first.id)}`));
  // The conversation now holds the reply too (its subject heads the pane).
  await expect(page.locator('#reader-subject')).toContainText(bare);
  await expect(page.locator('article.message').filter({ hasText: words })).toHaveCount(1);
  await page.keyboard.press('e');
  await expect(page.getByRole('status').filter({ hasText: 'Message archivé.' })).toBeVisible();
  await expect.poll(async () => {
    const r = await jmap('mdupont', (a) => [['Email/get', { accountId: a, ids: [first.id], properties: ['mailboxIds'] }, 'g']]);
    return Object.keys(r.g.list[0].mailboxIds);
  }).toContain(archive.id);
  // Put it back for the other journeys (the undo button, by keyboard).
  await page.getByRole('button', { name: 'Annuler', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect.poll(async () => {
    const r = await jmap('mdupont', (a) => [['Email/get', { accountId: a, ids: [first.id], properties: ['mailboxIds'] }, 'g']]);
    return Object.keys(r.g.list[0].mailboxIds);
  }).toEqual([inbox.id]);
});
