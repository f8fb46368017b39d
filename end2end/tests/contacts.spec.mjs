// Journey (Contacts): create a contact from a received message's sender,
// put it in a new group, write to the group: the recipients are the group's
// members. axe-core finds nothing on the contacts view.
import { test, expect, login, jmap, serverMailboxes, revealRow, axeViolations } from './fixtures.mjs';

const CONTACTS = 'https://cyrusimap.org/ns/jmap/contacts';

test('a sender becomes a contact, joins a new group, and the group is written to', async ({ page }) => {
  const stamp = Date.now().toString(36);
  const email = `camille.roussel.${stamp}@example.org`;
  const subject = `Sortie au planétarium ${stamp}`;
  const inbox = (await serverMailboxes('mdupont')).find((m) => m.role === 'inbox');
  const made = await jmap('mdupont', (a) => [['Email/set', { accountId: a, create: { m: {
    mailboxIds: { [inbox.id]: true },
    from: [{ name: 'Camille Roussel', email }],
    subject,
    receivedAt: new Date(Date.now() + 180_000).toISOString().replace(/\.\d+Z$/, 'Z'),
    bodyValues: { b: { value: 'Bonjour, je suis la nouvelle accompagnatrice.' } },
    textBody: [{ partId: 'b', type: 'text/plain' }],
  } } }, 's']]);
  const messageId = made.s.created?.m?.id;
  expect(messageId).toBeTruthy();

  await login(page);
  await (await revealRow(page, subject)).click();
  await page.getByRole('button', { name: 'Ajouter aux contacts' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Contact ajouté.' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Ajouter aux contacts' })).toHaveCount(0);

  await page.getByRole('link', { name: 'Contacts', exact: true }).click();
  await page.getByLabel('Rechercher un contact').fill('Roussel');
  await page.getByRole('button', { name: new RegExp(`Camille Roussel.*${stamp}`) }).click();
  const card = page.getByRole('region', { name: 'Camille Roussel' });
  await expect(card).toContainText(email);
  expect(await axeViolations(page)).toEqual([]);

  const group = `Accompagnateurs ${stamp}`;
  await card.getByRole('button', { name: 'Nouveau groupe avec ce contact' }).click();
  const dialog = page.getByRole('dialog', { name: 'Nouveau groupe avec ce contact' });
  await dialog.getByLabel('Nom du groupe').fill(group);
  await dialog.getByRole('button', { name: 'Créer le groupe' }).click();
  await expect(card.getByLabel(group)).toBeChecked();

  // The server has the contact in the group.
  const book = await jmap('mdupont', (a) => [
    ['Contact/get', { accountId: a, properties: ['id', 'emails'] }, 'c'],
    ['ContactGroup/get', { accountId: a }, 'g'],
  ], [CONTACTS]);
  const contact = book.c.list.find((c) => c.emails.some((e) => e.value === email));
  const g = book.g.list.find((x) => x.name === group);
  expect(g.contactIds).toEqual([contact.id]);

  // Write to the group: the recipients are its members.
  await page.getByRole('button', { name: `${group} (1)` }).click();
  await page.getByRole('link', { name: 'Écrire au groupe' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Nouveau message' })).toBeVisible();
  await expect(page.locator('.compose')).toContainText(email);
  await page.getByRole('button', { name: 'Abandonner' }).click();

  await jmap('mdupont', (a) => [
    ['ContactGroup/set', { accountId: a, destroy: [g.id] }, 'gd'],
    ['Contact/set', { accountId: a, destroy: [contact.id] }, 'cd'],
    ['Email/set', { accountId: a, destroy: [messageId] }, 'ed'],
  ], [CONTACTS]);
});
