// Journey « Organiser »: create a folder, drag two selected messages into
// it, rename it, undo a delete, delete the folder (its count is shown).
import { test, expect, login, jmap, serverMailboxes, axeViolations } from './fixtures.mjs';

async function emailsIn(mailboxId) {
  const r = await jmap('mdupont', (a) => [['Email/query', { accountId: a, filter: { inMailbox: mailboxId } }, 'q']]);
  return r.q.ids;
}

async function mailboxIdsOf(id) {
  const r = await jmap('mdupont', (a) => [['Email/get', { accountId: a, ids: [id], properties: ['mailboxIds'] }, 'g']]);
  return Object.keys(r.g.list[0]?.mailboxIds || {});
}

test('create a folder, drop two selected messages on it, rename it, undo a delete, delete it', async ({ page }) => {
  const stamp = Date.now().toString(36);
  const boxes = await serverMailboxes('mdupont');
  const inbox = boxes.find((m) => m.role === 'inbox');
  const trash = boxes.find((m) => m.role === 'trash');
  // Two fresh messages of this run (the newest of the inbox), so deleting
  // the folder with them never eats into the seed other journeys use.
  const subjects = [`Sortie au Capitole ${stamp} — autorisations`, `Sortie au Capitole ${stamp} — transport`];
  const created = await jmap('mdupont', (a) => [['Email/set', {
    accountId: a,
    create: Object.fromEntries(subjects.map((subject, i) => [`m${i}`, {
      mailboxIds: { [inbox.id]: true },
      from: [{ name: 'Jeanne Martin', email: 'jmartin@ac-toulouse.fr' }],
      to: [{ name: 'Marie Dupont', email: 'mdupont@ac-toulouse.fr' }],
      subject,
      receivedAt: new Date(Date.now() + 60_000 * (i + 1)).toISOString().replace(/\.\d+Z$/, 'Z'),
      bodyValues: { b: { value: 'Bonjour, voici les informations.' } },
      textBody: [{ partId: 'b', type: 'text/plain' }],
    }])),
  }, 's']]);
  const ids = subjects.map((_, i) => created.s.created?.[`m${i}`]?.id);
  expect(ids.every(Boolean), JSON.stringify(created.s)).toBe(true);

  await login(page);
  const list = page.locator('table.message-list');
  await expect(list.getByRole('link', { name: subjects[1], exact: true })).toBeVisible();

  // « Nouveau dossier »: an empty name is refused with a message, then created.
  const tree = page.getByRole('navigation', { name: 'Dossiers' });
  await tree.getByRole('button', { name: 'Nouveau dossier' }).click();
  const dialog = page.getByRole('dialog', { name: 'Nouveau dossier' });
  await dialog.getByRole('button', { name: 'Créer le dossier' }).click();
  await expect(dialog.getByRole('alert')).toHaveText(/Indiquez un nom de dossier/);
  const name = `Sorties ${stamp}`;
  await dialog.getByLabel('Nom du dossier').fill(name);
  await dialog.getByRole('button', { name: 'Créer le dossier' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  const folder = (await serverMailboxes('mdupont')).find((m) => m.name === name);
  expect(folder).toBeTruthy();

  // Back to the inbox: select the two messages (checkbox, then ctrl-click).
  await tree.getByRole('link', { name: /^Boîte de réception/ }).click();
  await list.getByRole('checkbox', { name: `Sélectionner « ${subjects[0]} »` }).check();
  await list.getByRole('link', { name: subjects[1], exact: true }).click({ modifiers: ['Control'] });
  const bulk = page.getByRole('toolbar', { name: 'Actions sur la sélection' });
  await expect(bulk.getByText('2 sélectionné(s)')).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  // Drag one selected row onto the folder: both go.
  await list.locator('tr', { hasText: subjects[0] }).dragTo(tree.getByRole('link', { name: new RegExp(`^${name}`) }));
  await expect(list.getByRole('link', { name: subjects[0], exact: true })).toHaveCount(0);
  await expect(list.getByRole('link', { name: subjects[1], exact: true })).toHaveCount(0);
  await expect.poll(async () => (await emailsIn(folder.id)).sort()).toEqual([...ids].sort());

  // Rename it.
  await tree.getByRole('link', { name: new RegExp(`^${name}`) }).click();
  await expect(list.getByRole('link', { name: subjects[0], exact: true })).toBeVisible();
  const renamed = `Sorties scolaires ${stamp}`;
  await page.getByRole('button', { name: 'Renommer ou déplacer le dossier' }).click();
  const edit = page.getByRole('dialog', { name: 'Renommer ou déplacer le dossier' });
  await edit.getByLabel('Nom du dossier').fill(renamed);
  await edit.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByRole('heading', { level: 1, name: renamed })).toBeVisible();
  await expect.poll(async () => (await serverMailboxes('mdupont')).find((m) => m.id === folder.id)?.name).toBe(renamed);

  // Delete one message, then « Annuler »: it is back in the folder.
  await list.getByRole('checkbox', { name: `Sélectionner « ${subjects[0]} »` }).check();
  await bulk.getByRole('button', { name: 'Supprimer', exact: true }).click();
  await expect.poll(() => mailboxIdsOf(ids[0])).toEqual([trash.id]);
  await page.locator('.undo-bar').getByRole('button', { name: 'Annuler' }).click();
  await expect.poll(() => mailboxIdsOf(ids[0])).toEqual([folder.id]);
  await expect(list.getByRole('link', { name: subjects[0], exact: true })).toBeVisible();

  // Delete the folder: the confirmation says what it holds.
  await page.getByRole('button', { name: 'Supprimer le dossier' }).click();
  const confirm = page.getByRole('dialog', { name: 'Supprimer le dossier' });
  await expect(confirm).toContainText(`« ${renamed} »`);
  await expect(confirm).toContainText('2 message(s)');
  await confirm.getByRole('button', { name: 'Supprimer le dossier' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Boîte de réception' })).toBeVisible();
  await expect.poll(async () => (await serverMailboxes('mdupont')).some((m) => m.id === folder.id)).toBe(false);
  await expect(tree.getByRole('link', { name: new RegExp(`^${renamed}`) })).toHaveCount(0);
});
