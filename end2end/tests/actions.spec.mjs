// Courrier actions from the reading pane: archive moves the message on the
// server and out of the list; flag and unread toggle on the server.
import { test, expect, login, jmap, serverMailboxes, serverFirstPage } from './fixtures.mjs';

async function serverEmail(id) {
  const r = await jmap('mdupont', (a) => [['Email/get', { accountId: a, ids: [id], properties: ['mailboxIds', 'keywords', 'subject'] }, 'g']]);
  return r.g.list[0];
}

test('archive (and undo), flag and mark unread from the reading pane', async ({ page }) => {
  const boxes = await serverMailboxes('mdupont');
  const inbox = boxes.find((m) => m.role === 'inbox');
  const archive = boxes.find((m) => m.role === 'archive');
  const first = (await serverFirstPage('mdupont', inbox.id, 15)).emails;
  // A message whose subject is unique on the first page, to click it unambiguously.
  const counts = first.reduce((m, e) => m.set(e.subject, (m.get(e.subject) || 0) + 1), new Map());
  // Leave alone the messages that other journeys open from the inbox.
  const reserved = ['Organisation du conseil de classe de 3e B', 'Documents pour le conseil de classe'];
  const target = first.find((e) => counts.get(e.subject) === 1 && !e.subject.startsWith('Re:')
    && !reserved.some((r) => e.subject.includes(r)));
  const r = await jmap('mdupont', (a) => [['Email/query', { accountId: a, filter: { inMailbox: inbox.id }, sort: [{ property: 'receivedAt', isAscending: false }], limit: 15 }, 'q']]);
  const id = r.q.ids[first.indexOf(target)];

  await login(page);
  await page.locator('table.message-list').getByRole('link', { name: target.subject, exact: true }).click();
  const toolbar = page.getByRole('toolbar', { name: 'Actions sur le message' });
  await expect(toolbar).toBeVisible();

  // Flag on, then off.
  const flag = toolbar.getByRole('button', { name: /^(Suivre|Ne plus suivre)$/ });
  const wasFlagged = (await serverEmail(id)).keywords.$flagged === true;
  await flag.click();
  await expect.poll(async () => (await serverEmail(id)).keywords.$flagged === true).toBe(!wasFlagged);
  await flag.click();
  await expect.poll(async () => (await serverEmail(id)).keywords.$flagged === true).toBe(wasFlagged);

  // Opening marked it read; « Marquer comme non lu » undoes that on the server.
  await expect.poll(async () => (await serverEmail(id)).keywords.$seen === true).toBe(true);
  await toolbar.getByRole('button', { name: 'Marquer comme non lu' }).click();
  await expect.poll(async () => (await serverEmail(id)).keywords.$seen === true).toBe(false);

  // Archive: the message leaves the inbox list and lands in Archives.
  await toolbar.getByRole('button', { name: 'Archiver' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Message archivé.' })).toBeVisible();
  await expect(page.locator('table.message-list').getByRole('link', { name: target.subject, exact: true })).toHaveCount(0);
  await expect.poll(async () => Object.keys((await serverEmail(id)).mailboxIds)).toEqual([archive.id]);

  // « Annuler » puts it back in the inbox, on the server and in the list.
  await page.getByRole('status').filter({ hasText: 'Message archivé.' }).getByRole('button', { name: 'Annuler' }).click();
  await expect.poll(async () => Object.keys((await serverEmail(id)).mailboxIds)).toEqual([inbox.id]);
  await expect(page.locator('table.message-list').getByRole('link', { name: target.subject, exact: true })).toHaveCount(1);
});
