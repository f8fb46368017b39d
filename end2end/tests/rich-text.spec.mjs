// Rich text: bold, a bulleted list and a link typed in the editor are saved
// as HTML with a plain-text alternative; nothing else gets through.
import { test, expect, login, jmap, serverMailboxes, axeViolations } from './fixtures.mjs';

test('bold, a list and a link are saved as HTML with a text version', async ({ page }) => {
  const stamp = Date.now().toString(36);
  const subject = `Ordre du jour ${stamp}`;
  await login(page);
  await page.getByRole('link', { name: 'Écrire' }).click();
  await page.getByLabel('Objet').fill(subject);
  await page.getByLabel('Texte enrichi').check();
  const editor = page.getByRole('textbox', { name: 'Message' });
  const tools = page.getByRole('toolbar', { name: 'Mise en forme' });
  await editor.click();
  await page.keyboard.type('Point ');
  await tools.getByRole('button', { name: 'Gras' }).click();
  await page.keyboard.type('important');
  await tools.getByRole('button', { name: 'Gras' }).click();
  await page.keyboard.type(' :');
  await page.keyboard.press('Enter');
  await tools.getByRole('button', { name: 'Liste à puces' }).click();
  await page.keyboard.type('budget');
  await page.keyboard.press('Enter');
  await page.keyboard.type('sorties');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Voir le site');
  // Select « site » and make it a link.
  for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+ArrowLeft');
  await tools.getByRole('button', { name: 'Lien' }).click();
  const dialog = page.getByRole('dialog', { name: 'Lien' });
  await dialog.getByLabel(/Adresse du lien/).fill('https://www.ac-toulouse.fr/');
  await dialog.getByRole('button', { name: 'Ajouter le lien' }).click();
  await expect(editor.locator('a[href="https://www.ac-toulouse.fr/"]')).toHaveText('site');
  expect(await axeViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Brouillon enregistré' }).first()).toBeVisible();

  const drafts = (await serverMailboxes('mdupont')).find((m) => m.role === 'drafts');
  const r = await jmap('mdupont', (a) => [
    ['Email/query', { accountId: a, filter: { inMailbox: drafts.id } }, 'q'],
    ['Email/get', { accountId: a, '#ids': { resultOf: 'q', name: 'Email/query', path: '/ids' }, properties: ['subject', 'htmlBody', 'textBody', 'bodyValues'], fetchAllBodyValues: true }, 'g'],
  ]);
  const mine = r.g.list.filter((e) => e.subject === subject);
  expect(mine).toHaveLength(1);
  const value = (parts) => parts.map((p) => mine[0].bodyValues[p.partId]?.value ?? '').join('');
  const html = value(mine[0].htmlBody.filter((p) => p.type === 'text/html'));
  const text = value(mine[0].textBody.filter((p) => p.type === 'text/plain'));
  expect(html).toMatch(/<b>important<\/b>/);
  expect(html).toMatch(/<ul><li>budget<\/li><li>sorties<\/li><\/ul>/);
  expect(html).toContain('<a href="https://www.ac-toulouse.fr/">site</a>');
  expect(text).toContain('Point important :');
  expect(text).toContain('• budget');
  expect(text).toContain('site <https://www.ac-toulouse.fr/>');

  await page.getByRole('button', { name: 'Abandonner' }).click();
  await expect.poll(async () => {
    const again = await jmap('mdupont', (a) => [
      ['Email/query', { accountId: a, filter: { inMailbox: drafts.id } }, 'q'],
      ['Email/get', { accountId: a, '#ids': { resultOf: 'q', name: 'Email/query', path: '/ids' }, properties: ['subject'] }, 'g'],
    ]);
    return again.g.list.filter((e) => e.subject === subject).length;
  }).toBe(0);
});
