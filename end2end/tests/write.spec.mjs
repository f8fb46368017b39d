// Journey (Courrier, write): compose to a contact chosen by autocomplete,
// attach two files, send: the message is in Envoyés and reaches the SMTP sink;
// « Annuler l'envoi » within the delay keeps it as a draft.
import { test, expect, login, jmap, serverMailboxes, ROOT } from './fixtures.mjs';
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';

const sinkLog = path.join(process.env.AUTAN_STACK_DIR || '/tmp/autan-stack', 'smtp-sink/log.jsonl');
const sinkLines = () => (existsSync(sinkLog) ? readFileSync(sinkLog, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)) : []);

async function emailsWithSubject(subject) {
  const boxes = await serverMailboxes('mdupont');
  const r = await jmap('mdupont', (a) => [
    ['Email/query', { accountId: a, filter: { subject } }, 'q'],
    ['Email/get', { accountId: a, '#ids': { resultOf: 'q', name: 'Email/query', path: '/ids' }, properties: ['subject', 'mailboxIds', 'keywords', 'to', 'attachments'] }, 'g'],
  ]);
  const roleOf = (e) => Object.keys(e.mailboxIds).map((id) => boxes.find((b) => b.id === id)?.role);
  return r.g.list.map((e) => ({ ...e, roles: roleOf(e) }));
}

async function compose(page, subject) {
  await page.getByRole('link', { name: 'Écrire' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Nouveau message' })).toBeVisible();
  const to = page.getByRole('combobox', { name: 'À' });
  await to.fill('hélène gar');
  const option = page.getByRole('option', { name: /Hélène Garnier/ });
  await expect(option).toBeVisible();
  await to.press('ArrowDown');
  await expect(option).toHaveAttribute('aria-selected', 'true');
  await to.press('Enter');
  await expect(page.locator('.chip')).toHaveText([/Hélène Garnier <helene\.garnier@ac-toulouse\.fr>/]);
  await page.getByLabel('Objet').fill(subject);
  await page.getByLabel('Message', { exact: true }).fill('Bonjour Hélène,\n\nVoici les documents demandés.\n\nMarie');
  await page.getByLabel('Joindre des fichiers').setInputFiles([
    { name: 'liste-élèves.csv', mimeType: 'text/csv', buffer: Buffer.from('nom;prénom\nDurand;Léa\n') },
    { name: 'programme.txt', mimeType: 'text/plain', buffer: Buffer.from('Sortie au musée des Augustins') },
  ]);
  await expect(page.locator('.upload progress[value="100"]')).toHaveCount(2);
}

test('compose to a contact with two attachments and send', async ({ page }) => {
  test.setTimeout(90_000);
  const subject = `Sortie pédagogique ${Date.now()}`;
  const before = sinkLines().length;
  await login(page);
  await compose(page, subject);
  await page.getByRole('button', { name: 'Envoyer' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Message envoyé dans \d+ s/ })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Message envoyé.' })).toBeVisible({ timeout: 30_000 });

  await expect.poll(async () => (await emailsWithSubject(subject)).map((e) => e.roles.join(','))).toEqual(['sent']);
  const [sent] = await emailsWithSubject(subject);
  expect(sent.keywords.$draft).toBeUndefined();
  expect(sent.to[0].email).toBe('helene.garnier@ac-toulouse.fr');
  expect(sent.attachments.map((a) => a.name).sort()).toEqual(['liste-élèves.csv', 'programme.txt']);
  // It left through SMTP to the right recipient.
  await expect.poll(() => sinkLines().slice(before).some((l) => (l.rcpt_to || []).includes('helene.garnier@ac-toulouse.fr'))).toBe(true);
});

test('undo send within the delay keeps the message as a draft', async ({ page }) => {
  const subject = `Brouillon annulé ${Date.now()}`;
  const before = sinkLines().length;
  await login(page);
  await compose(page, subject);
  await page.getByRole('button', { name: 'Envoyer' }).click();
  await page.getByRole('button', { name: "Annuler l'envoi" }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Envoi annulé' })).toBeVisible();
  // Well past the delay: still a draft, never sent.
  await page.waitForTimeout(12_000);
  const found = await emailsWithSubject(subject);
  expect(found.map((e) => e.roles.join(','))).toEqual(['drafts']);
  expect(found[0].keywords.$draft).toBe(true);
  expect(sinkLines().slice(before).length).toBe(0);
});
