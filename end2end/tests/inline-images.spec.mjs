// HTML mail with inline images (cid:): the images show inside the sandboxed
// frame, as data: URLs fetched with the session, never as cid: links.
import { test, expect, login, jmap, serverMailboxes, revealRow, EDGE, PASSWORD } from './fixtures.mjs';
import { deflateSync } from 'node:zlib';

function png(w, h) {
  const crcTable = Array.from({ length: 256 }, (_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
  const crc = (buf) => { let c = 0xffffffff; for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
  const chunk = (type, data) => { const len = Buffer.alloc(4); len.writeUInt32BE(data.length); const td = Buffer.concat([Buffer.from(type), data]); const c = Buffer.alloc(4); c.writeUInt32BE(crc(td)); return Buffer.concat([len, td, c]); };
  const ihdr = Buffer.alloc(13); ihdr.writeUInt32BE(w, 0); ihdr.writeUInt32BE(h, 4); ihdr[8] = 8; ihdr[9] = 2;
  const rows = Buffer.concat(Array.from({ length: h }, () => Buffer.concat([Buffer.from([0]), Buffer.alloc(w * 3, 0x80)])));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

test('inline images of an HTML message are shown in its frame', async ({ page }) => {
  const stamp = Date.now().toString(36);
  const subject = `Affiche de la kermesse ${stamp}`;
  const auth = 'Basic ' + Buffer.from(`mdupont:${PASSWORD}`).toString('base64');
  const session = await (await fetch(`${EDGE}/jmap/`, { headers: { Authorization: auth } })).json();
  const account = session.primaryAccounts['urn:ietf:params:jmap:mail'];
  const uploadUrl = new URL(session.uploadUrl.replace('{accountId}', account), EDGE);
  const up = await (await fetch(uploadUrl, { method: 'POST', headers: { Authorization: auth, 'Content-Type': 'image/png' }, body: png(40, 20) })).json();
  const inbox = (await serverMailboxes('mdupont')).find((m) => m.role === 'inbox');
  const made = await jmap('mdupont', (a) => [['Email/set', { accountId: a, create: { m: {
    mailboxIds: { [inbox.id]: true },
    from: [{ name: 'Nadia Benali', email: 'nadia.benali@ac-toulouse.fr' }],
    subject,
    receivedAt: new Date(Date.now() + 120_000).toISOString().replace(/\.\d+Z$/, 'Z'),
    bodyStructure: { type: 'multipart/related', subParts: [
      { partId: 'h', type: 'text/html' },
      { blobId: up.blobId, type: 'image/png', cid: 'affiche@kermesse', disposition: 'inline', name: 'affiche.png' },
    ] },
    bodyValues: { h: { value: '<p>Voici l\'affiche :</p><img id="affiche" alt="affiche" src="cid:affiche@kermesse">' } },
  } } }, 's']]);
  const id = made.s.created?.m?.id;
  expect(id, JSON.stringify(made.s)).toBeTruthy();

  await login(page);
  await (await revealRow(page, subject)).click();
  const frame = page.locator('iframe.body-html');
  await expect(frame).toHaveAttribute('srcdoc', /src="data:image\/png;base64,/);
  await expect(frame).not.toHaveAttribute('srcdoc', /cid:affiche/);
  // Ids of the message are prefixed (« m- ») so that they cannot clash with ours.
  const img = page.frameLocator('iframe.body-html').locator('#m-affiche');
  await expect.poll(() => img.evaluate((el) => el.naturalWidth)).toBe(40);
  // Still sandboxed: no scripts, no same origin (links may open a new tab).
  await expect(frame).toHaveAttribute('sandbox', 'allow-popups allow-popups-to-escape-sandbox');

  await jmap('mdupont', (a) => [['Email/set', { accountId: a, destroy: [id] }, 'd']]);
});
