// Journey (Contacts): import a .vcf of 200 cards; duplicates are reported,
// not created twice; the list exports back as a .vcf.
import { test, expect, login, jmap } from './fixtures.mjs';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const CONTACTS = 'https://cyrusimap.org/ns/jmap/contacts';
const book = async () => (await jmap('mdupont', (a) => [['Contact/get', { accountId: a, properties: ['id', 'emails'] }, 'c']], [CONTACTS])).c.list;

test('import 200 cards with duplicates reported, then export them', async ({ page }) => {
  test.setTimeout(120_000);
  const stamp = Date.now().toString(36);
  const card = (i) => `BEGIN:VCARD\r\nVERSION:3.0\r\nN:Élève${i};Parent;;;\r\nFN:Parent Élève${i}\r\nEMAIL;TYPE=INTERNET:parent.${i}.${stamp}@example.org\r\nTEL:06 00 00 ${String(i).padStart(2, '0')} 00\r\nEND:VCARD\r\n`;
  const dupOfBook = 'BEGIN:VCARD\r\nVERSION:3.0\r\nN:Garnier;Hélène;;;\r\nEMAIL:helene.garnier@ac-toulouse.fr\r\nEND:VCARD\r\n';
  const vcf = Array.from({ length: 200 }, (_, i) => card(i)).join('') + dupOfBook + card(7) + card(8);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'autan-vcf-'));
  const file = path.join(dir, 'parents-3eB.vcf');
  writeFileSync(file, vcf);
  const garnierBefore = (await book()).filter((c) => c.emails.some((e) => e.value === 'helene.garnier@ac-toulouse.fr')).length;

  await login(page);
  await page.getByRole('link', { name: 'Contacts', exact: true }).click();
  await page.getByLabel('Importer des contacts (.vcf)').setInputFiles(file);
  await expect(page.getByRole('status').filter({ hasText: '200 contact(s) importé(s) ; 3 doublon(s)' })).toBeVisible({ timeout: 60_000 });
  await expect(page.locator('.duplicates li')).toHaveCount(3);

  const mine = (await book()).filter((c) => c.emails.some((e) => e.value.endsWith(`${stamp}@example.org`)));
  expect(mine).toHaveLength(200);
  expect((await book()).filter((c) => c.emails.some((e) => e.value === 'helene.garnier@ac-toulouse.fr'))).toHaveLength(garnierBefore);

  // Export what the search shows: the 200 imported cards.
  await page.getByLabel('Rechercher un contact').fill(stamp);
  await expect(page.getByText('200 contact(s)', { exact: true })).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Exporter la liste (.vcf)' }).click();
  const saved = await (await download).path();
  const text = readFileSync(saved, 'utf8');
  expect(text.match(/BEGIN:VCARD/g)).toHaveLength(200);
  // Imported without a TYPE (INTERNET is none): kept as « Autre », exported so.
  expect(text).toContain(`EMAIL:parent.7.${stamp}@example.org`);
  expect(text).toContain('TEL;TYPE=voice:06 00 00 07 00');

  await jmap('mdupont', (a) => [['Contact/set', { accountId: a, destroy: mine.map((c) => c.id) }, 'd']], [CONTACTS]);
});
