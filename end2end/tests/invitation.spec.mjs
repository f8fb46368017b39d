// Journey (Agenda × Courrier): the seeded iMIP invitation shows a reply
// bar; « Accepter » puts the event in the agenda with the answer on the
// server, which sends the organiser a METHOD:REPLY; answering again
// (« Refuser ») changes the answer on the same event.
import { test, expect, login, jmap, axeViolations, revealRow, serverMailboxes, CAL } from './fixtures.mjs';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const USER = 'jmartin';
const sinkLog = path.join(process.env.AUTAN_STACK_DIR || '/tmp/autan-stack', 'smtp-sink/log.jsonl');
const sinkLines = () => (existsSync(sinkLog) ? readFileSync(sinkLog, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)) : []);

async function conseil() {
  const r = await jmap(USER, (a) => [['CalendarEvent/get', { accountId: a, ids: null, properties: ['title', 'uid', 'participants'] }, 'g']], [CAL]);
  return r.g.list.filter((e) => e.title === 'Conseil pédagogique');
}

test('« Accepter » on an invitation puts the answer on the server and replies to the organiser', async ({ page }) => {
  // Start from an agenda without the event (the journey creates it).
  const before = await conseil();
  if (before.length) await jmap(USER, (a) => [['CalendarEvent/set', { accountId: a, destroy: before.map((e) => e.id) }, 'd']], [CAL]);

  const inbox = (await serverMailboxes(USER)).find((m) => m.role === 'inbox');
  const r = await jmap(USER, (a) => [
    ['Email/query', { accountId: a, filter: { inMailbox: inbox.id }, sort: [{ property: 'receivedAt', isAscending: false }], limit: 400 }, 'q'],
    ['Email/get', { accountId: a, '#ids': { resultOf: 'q', name: 'Email/query', path: '/ids' }, properties: ['subject', 'to', 'from'] }, 'g'],
  ]);
  const invite = r.g.list.find((e) => (e.subject || '').startsWith('Invitation : Conseil pédagogique'));
  expect(invite, 'the seeded invitation').toBeTruthy();
  const me = invite.to[0].email;
  const organizer = invite.from[0].email;

  await login(page, USER);
  await (await revealRow(page, invite.subject)).click();
  const bar = page.getByRole('region', { name: 'Invitation', exact: true });
  await expect(bar).toContainText('Conseil pédagogique');
  await expect(bar).toContainText('17:00 – 19:00');
  await expect(bar).toContainText(`(${organizer})`);
  expect(await axeViolations(page)).toEqual([]);

  const sent = sinkLines().length;
  await bar.getByRole('button', { name: 'Accepter' }).click();
  await expect(bar.getByRole('status')).toHaveText('Réponse envoyée : accepté. L\'événement est dans votre agenda.');

  const [event] = await conseil();
  expect(event, 'the event is in the agenda').toBeTruthy();
  const mine = Object.values(event.participants).find((p) => p.email === me);
  expect(mine.participationStatus).toBe('accepted');
  await expect.poll(() => sinkLines().slice(sent).filter((l) => (l.rcpt_to || []).includes(organizer)).length).toBe(1);
  const line = sinkLines().slice(sent).find((l) => (l.rcpt_to || []).includes(organizer));
  // The server's iMIP reply (quoted-printable, folded lines).
  const raw = readFileSync(path.isAbsolute(line.file) ? line.file : path.join(path.dirname(sinkLog), line.file), 'latin1')
    .replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16)))
    .replace(/\r\n[ \t]/g, '');
  expect(raw).toContain('METHOD:REPLY');
  expect(raw).toContain(`PARTSTAT=ACCEPTED:mailto:${me}`);

  // Changing one's mind: the same event, the new answer.
  await page.reload();
  await expect(bar.getByRole('button', { name: 'Refuser' })).toBeVisible();
  await bar.getByRole('button', { name: 'Refuser' }).click();
  await expect(bar.getByRole('status')).toContainText('refusé');
  const after = await conseil();
  expect(after).toHaveLength(1);
  expect(Object.values(after[0].participants).find((p) => p.email === me).participationStatus).toBe('declined');

  await jmap(USER, (a) => [['CalendarEvent/set', { accountId: a, destroy: after.map((e) => e.id) }, 'd']], [CAL]);
});
