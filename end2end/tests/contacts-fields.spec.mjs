// Journey (Contacts, keyboard only): a contact with two e-mails (work,
// home), a mobile phone, a postal address and a birthday; the form's checks
// (bad e-mail, bad date) name the field and take the focus to it; after a
// reload the card shows every value with its type, and Cyrus holds them in
// its Contact model. axe-core finds nothing on the form nor on the card.
import { test, expect, login, jmap, axeViolations } from './fixtures.mjs';

const CONTACTS = 'https://cyrusimap.org/ns/jmap/contacts';

test('a contact with typed e-mails, phone, address and birthday, by keyboard', async ({ page }) => {
  const stamp = Date.now().toString(36);
  const work = `lea.fabre.${stamp}@ac-toulouse.fr`;
  const home = `lea.${stamp}@example.org`;
  const last = `Fabre ${stamp}`;
  const kb = page.keyboard;
  const focused = (locator) => expect(locator).toBeFocused();

  await login(page);
  await page.getByRole('link', { name: 'Contacts', exact: true }).click();
  const create = page.getByRole('button', { name: 'Nouveau contact' });
  await create.focus();
  await kb.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Nouveau contact' });
  const email = (n) => dialog.getByRole('group', { name: `Adresse électronique ${n}` });
  const phone = (n) => dialog.getByRole('group', { name: `Téléphone ${n}` });
  const postal = (n) => dialog.getByRole('group', { name: `Adresse postale ${n}` });

  await focused(dialog.getByLabel('Prénom'));
  await kb.type('Léa');
  await kb.press('Tab');
  await kb.type(last);
  // E-mail 1: Travail (the default).
  await kb.press('Tab');
  await focused(email(1).getByLabel('Type'));
  await expect(email(1).getByLabel('Type')).toHaveValue('work');
  await kb.press('Tab');
  await kb.type(work);
  await kb.press('Tab');
  await focused(email(1).getByRole('button', { name: 'Retirer : Adresse électronique 1' }));
  await kb.press('Tab');
  await focused(dialog.getByRole('button', { name: 'Ajouter une adresse e-mail' }));
  // E-mail 2: a new row, the focus on its type; Domicile.
  await kb.press('Enter');
  await focused(email(2).getByLabel('Type'));
  await kb.press('ArrowDown');
  await expect(email(2).getByLabel('Type')).toHaveValue('home');
  await kb.press('Tab');
  await kb.type('pas-une-adresse');
  // Phone 1: Mobile.
  await kb.press('Tab');
  await kb.press('Tab');
  await kb.press('Tab');
  await focused(phone(1).getByLabel('Type'));
  await kb.type('Mob');
  await expect(phone(1).getByLabel('Type')).toHaveValue('mobile');
  await kb.press('Tab');
  await kb.type('06 12 34 56 78');
  // A second phone row added then removed: the focus goes back to phone 1.
  await kb.press('Tab');
  await kb.press('Tab');
  await focused(dialog.getByRole('button', { name: 'Ajouter un téléphone' }));
  await kb.press('Enter');
  await focused(phone(2).getByLabel('Type'));
  await kb.press('Tab');
  await kb.press('Tab');
  await focused(phone(2).getByRole('button', { name: 'Retirer : Téléphone 2' }));
  await kb.press('Enter');
  await expect(phone(2)).toHaveCount(0);
  await focused(phone(1).getByLabel('Type'));
  // A postal address (Travail).
  await kb.press('Tab');
  await kb.press('Tab');
  await kb.press('Tab');
  await kb.press('Tab');
  await focused(dialog.getByRole('button', { name: 'Ajouter une adresse postale' }));
  await kb.press('Enter');
  await focused(postal(1).getByLabel('Type'));
  for (const text of ['12 rue des Lois', '31000', 'Toulouse', 'Occitanie', 'France']) {
    await kb.press('Tab');
    await kb.type(text);
  }
  await kb.press('Tab');
  await kb.press('Tab');
  await kb.press('Tab');
  await focused(dialog.getByLabel('Date de naissance'));
  await kb.type('31/02/1985');
  expect(await axeViolations(page)).toEqual([]);

  // Enter sends: the bad e-mail first, then the bad date, each focused.
  await kb.press('Enter');
  await expect(dialog.getByRole('alert')).toHaveText(/L'adresse électronique 2 n'est pas valide/);
  await focused(email(2).getByLabel('Adresse électronique', { exact: true }));
  await expect(email(2).getByLabel('Adresse électronique', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await kb.press('Control+A');
  await kb.type(home);
  await kb.press('Enter');
  await expect(dialog.getByRole('alert')).toHaveText(/La date de naissance n'est pas valide/);
  await focused(dialog.getByLabel('Date de naissance'));
  expect(await axeViolations(page)).toEqual([]);
  await kb.press('Control+A');
  await kb.type('14/03/1985');
  await kb.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Contact enregistré.' })).toBeVisible();

  // After a reload: everything on the card, with its type in words.
  await page.reload();
  await page.getByLabel('Rechercher un contact').fill(stamp);
  await page.getByRole('button', { name: new RegExp(`Léa ${last}`) }).click();
  const card = page.getByRole('region', { name: `Léa ${last}` });
  const rows = async () => {
    const dts = await card.locator('dl dt').allTextContents();
    const dds = await card.locator('dl dd').allTextContents();
    return dts.map((t, i) => [t, dds[i]]);
  };
  await expect(card.locator('dl dt')).toHaveCount(5);
  expect(await rows()).toEqual([
    ['Adresse électronique (Travail)', work],
    ['Adresse électronique (Domicile)', home],
    ['Téléphone (Mobile)', '06 12 34 56 78'],
    ['Adresse postale (Travail)', '12 rue des Lois\n31000 Toulouse\nOccitanie\nFrance'],
    ['Date de naissance', '14 mars 1985'],
  ]);
  expect(await axeViolations(page)).toEqual([]);

  // The server holds them in Cyrus's Contact model.
  const got = await jmap('mdupont', (a) => [['Contact/get', {
    accountId: a, properties: ['id', 'lastName', 'emails', 'phones', 'addresses', 'birthday'],
  }, 'c']], [CONTACTS]);
  const c = got.c.list.find((x) => x.lastName === last);
  expect(c.emails.map((e) => [e.type, e.value, e.isDefault])).toEqual([
    ['work', work, true], ['personal', home, false],
  ]);
  expect(c.phones).toEqual([{ type: 'mobile', value: '06 12 34 56 78' }]);
  expect(c.addresses).toHaveLength(1);
  expect(c.addresses[0]).toMatchObject({
    type: 'work', street: '12 rue des Lois', postcode: '31000', locality: 'Toulouse', region: 'Occitanie', country: 'France',
  });
  expect(c.birthday).toBe('1985-03-14');

  // The edit form starts from them.
  await card.getByRole('button', { name: 'Modifier le contact' }).click();
  const edit = page.getByRole('dialog', { name: 'Modifier le contact' });
  await expect(edit.getByRole('group', { name: 'Adresse électronique 2' }).getByLabel('Adresse électronique', { exact: true })).toHaveValue(home);
  await expect(edit.getByRole('group', { name: 'Adresse électronique 2' }).getByLabel('Type')).toHaveValue('home');
  await expect(edit.getByLabel('Date de naissance')).toHaveValue('14/03/1985');
  await expect(edit.getByRole('group', { name: 'Adresse postale 1' }).getByLabel('Ville')).toHaveValue('Toulouse');
  await kb.press('Escape');

  await jmap('mdupont', (a) => [['Contact/set', { accountId: a, destroy: [c.id] }, 'd']], [CONTACTS]);
});
