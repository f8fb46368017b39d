// Read receipts: a message asking for one shows a bar in the reading pane;
// « Envoyer l'accusé de lecture » sends an RFC 8098 notification through
// MDN/send and marks the message $mdnsent, so the question is asked once.
import { test, expect, login, jmap, serverMailboxes, revealRow, axeViolations } from './fixtures.mjs';
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';

const sinkLog = path.join(process.env.AUTAN_STACK_DIR || '/tmp/autan-stack', 'smtp-sink/log.jsonl');
const sinkLines = () => (existsSync(sinkLog) ? readFileSync(sinkLog, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)) : []);

test('a read receipt asked by the sender is sent once, on request', async ({ page }) => {
  const stamp = Date.now().toString(36);
  const subject = `Merci de confirmer la lecture ${stamp}`;
  const inbox = (await serverMailboxes('jmartin')).find((m) => m.role === 'inbox');
  const made = await jmap('jmartin', (a) => [['Email/set', { accountId: a, create: { m: {
    mailboxIds: { [inbox.id]: true },
    from: [{ name: 'Marie Dupont', email: 'marie.dupont@ac-toulouse.fr' }],
    to: [{ name: 'Julien Martin', email: 'julien.martin@ac-toulouse.fr' }],
    subject,
    'header:Disposition-Notification-To:asAddresses': [{ name: 'Marie Dupont', email: 'marie.dupont@ac-toulouse.fr' }],
    receivedAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    bodyValues: { b: { value: 'Pouvez-vous confirmer la lecture de ce message ?' } },
    textBody: [{ partId: 'b', type: 'text/plain' }],
  } } }, 's']]);
  const id = made.s.created?.m?.id;
  expect(id, JSON.stringify(made.s)).toBeTruthy();
  const before = sinkLines().length;

  await login(page, 'jmartin');
  await (await revealRow(page, subject)).click();
  const bar = page.getByRole('region', { name: 'Accusé de lecture' });
  await expect(bar).toContainText('marie.dupont@ac-toulouse.fr');
  expect(await axeViolations(page)).toEqual([]);
  await bar.getByRole('button', { name: 'Envoyer l\'accusé de lecture' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Accusé de lecture envoyé.' })).toBeVisible();
  await expect(bar).toHaveCount(0);
  await expect.poll(async () => {
    const r = await jmap('jmartin', (a) => [['Email/get', { accountId: a, ids: [id], properties: ['keywords'] }, 'g']]);
    return Object.entries(r.g.list[0].keywords).some(([k, v]) => v && k.toLowerCase() === '$mdnsent');
  }).toBe(true);
  // The notification left for the sender, as multipart/report.
  await expect.poll(() => sinkLines().slice(before).find((l) => (l.rcpt_to || []).includes('marie.dupont@ac-toulouse.fr'))?.file ?? null).not.toBeNull();
  const entry = sinkLines().slice(before).find((l) => (l.rcpt_to || []).includes('marie.dupont@ac-toulouse.fr'));
  const raw = readFileSync(path.isAbsolute(entry.file) ? entry.file : path.join(path.dirname(sinkLog), entry.file), 'utf8');
  expect(raw).toMatch(/multipart\/report/i);
  expect(raw).toMatch(/disposition-notification/i);

  // Opened again: not asked twice.
  await page.reload();
  await expect(page.locator('#reader-subject')).toHaveText(subject);
  await expect(page.getByRole('region', { name: 'Accusé de lecture' })).toHaveCount(0);
});
