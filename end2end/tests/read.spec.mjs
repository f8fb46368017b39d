// Journey (Courrier, read): open a thread with three messages; the unread
// count drops; attachments download with the right name and bytes.
import { test, expect, login, jmap, serverMailboxes, axeViolations, PASSWORD, EDGE, revealRow } from './fixtures.mjs';

async function findBySubject(user, subject) {
  const r = await jmap(user, (a) => [
    ['Email/query', { accountId: a, filter: { subject }, sort: [{ property: 'receivedAt', isAscending: false }] }, 'q'],
    ['Email/get', { accountId: a, '#ids': { resultOf: 'q', name: 'Email/query', path: '/ids' }, properties: ['subject', 'threadId', 'keywords', 'mailboxIds', 'attachments'] }, 'g'],
  ]);
  return r.g.list;
}

async function setSeen(user, ids, seen) {
  await jmap(user, (a) => [['Email/set', { accountId: a, update: Object.fromEntries(ids.map((id) => [id, { 'keywords/$seen': seen ? true : null }])) }, 's']]);
}

test('open a three-message thread: all shown, newest open, unread count drops', async ({ page }) => {
  const thread = await findBySubject('mdupont', 'Organisation du conseil de classe de 3e B');
  expect(thread.length).toBe(3);
  // Start from a known state: the whole thread unread.
  await setSeen('mdupont', thread.map((e) => e.id), false);
  const inbox = (await serverMailboxes('mdupont')).find((m) => m.role === 'inbox');
  const unreadBefore = inbox.unreadEmails;

  await login(page);
  const tree = page.getByRole('navigation', { name: 'Dossiers' });
  await expect(tree.getByRole('link', { name: new RegExp(`^Boîte de réception\\s*,\\s*${unreadBefore} non lus`) })).toBeVisible();
  await (await revealRow(page, 'Organisation du conseil de classe de 3e B')).click();

  const reader = page.getByRole('region', { name: /Organisation du conseil de classe de 3e B/ });
  await expect(reader.getByText('Conversation de 3 messages')).toBeVisible();
  await expect(reader.locator('article.message')).toHaveCount(3);
  // Only the newest is expanded.
  await expect(reader.locator('details[open]')).toHaveCount(1);
  await expect(reader.locator('article.message').last().locator('details')).toHaveAttribute('open', '');
  expect(await axeViolations(page)).toEqual([]);

  // The unread count drops by three, on screen and on the server.
  await expect(tree.getByRole('link', { name: new RegExp(`^Boîte de réception\\s*,\\s*${unreadBefore - 3} non lus`) })).toBeVisible();
  await expect.poll(async () => (await serverMailboxes('mdupont')).find((m) => m.role === 'inbox').unreadEmails).toBe(unreadBefore - 3);
});

test('attachments download with the right name and bytes', async ({ page }) => {
  const [email] = await findBySubject('mdupont', 'Documents pour le conseil de classe');
  expect(email.attachments.length).toBe(2);

  await login(page);
  await (await revealRow(page, 'Documents pour le conseil de classe')).click();
  const reader = page.getByRole('region', { name: /Documents pour le conseil de classe/ });
  const auth = 'Basic ' + Buffer.from(`mdupont:${PASSWORD}`).toString('base64');
  for (const att of email.attachments) {
    const button = reader.getByRole('button', { name: new RegExp(`^Télécharger ${att.name.replace('.', '\\.')}`) });
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    expect(download.suggestedFilename()).toBe(att.name);
    const stream = await download.createReadStream();
    const chunks = [];
    for await (const c of stream) chunks.push(c);
    const got = Buffer.concat(chunks);
    const want = Buffer.from(await (await fetch(`${EDGE}/jmap/download/mdupont/${att.blobId}/${encodeURIComponent(att.name)}?accept=application/octet-stream`, { headers: { Authorization: auth } })).arrayBuffer());
    expect(got.length).toBe(att.size);
    expect(got.equals(want)).toBe(true);
  }
});
