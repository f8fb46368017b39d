// Journey (Agenda, calendars): create a calendar, rename it, change its
// colour, create an event in it (drawn with the colour, the calendar named in
// its title), hide it (the event leaves the view, and stays hidden after a
// reload), show it again, delete the calendar after a confirmation that says
// how many events go. The server agrees at each step; axe-core finds nothing
// with the list shown and with a dialog open.
import { test, expect, login, jmap, axeViolations, CAL } from './fixtures.mjs';

const USER = 'sbernard';
const DAY = '2027-05-12'; // a Wednesday
const GREEN = '#15803d';

async function calendarNamed(name) {
  const r = await jmap(USER, (a) => [['Calendar/get', { accountId: a }, 'c']], [CAL]);
  return r.c.list.find((c) => c.name === name);
}

async function eventsIn(calendarId) {
  const r = await jmap(USER, (a) => [['CalendarEvent/get', { accountId: a, ids: null, properties: ['calendarId', 'title', 'start'] }, 'g']], [CAL]);
  return r.g.list.filter((e) => e.calendarId === calendarId);
}

test('calendars: create, rename, colour, fill, hide (kept after reload), show, delete', async ({ page }) => {
  const stamp = Date.now().toString(36);
  const first = `Classe ${stamp}`;
  const renamed = `Conseils ${stamp}`;
  const title = `Réunion ${stamp}`;
  await login(page, USER);
  await page.getByRole('link', { name: 'Agenda' }).click();
  await page.goto(`/agenda?vue=semaine&date=${DAY}`);
  await expect(page.getByRole('heading', { level: 1, name: /^Semaine du/ })).toBeVisible();
  const tools = page.getByRole('region', { name: 'Agendas' });
  const list = page.getByRole('region', { name: 'Mes agendas' });

  // Create.
  await tools.getByLabel('Nouvel agenda').fill(first);
  await tools.getByRole('button', { name: 'Créer l\'agenda' }).click();
  await expect.poll(async () => (await calendarNamed(first))?.id).toBeTruthy();
  const { id } = await calendarNamed(first);
  await expect(list.getByRole('checkbox', { name: `Afficher ${first}` })).toBeChecked();
  expect(await axeViolations(page)).toEqual([]);

  // Rename (the dialog, then the server).
  await list.getByRole('button', { name: `Renommer ${first}` }).click();
  const rename = page.getByRole('dialog', { name: `Renommer l'agenda « ${first} »` });
  await expect(rename).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await rename.getByLabel('Nom de l\'agenda').fill(renamed);
  await rename.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(rename).toBeHidden();
  await expect.poll(async () => (await calendarNamed(renamed))?.id).toBe(id);
  await expect(list.getByRole('checkbox', { name: `Afficher ${renamed}` })).toBeVisible();

  // Colour: « Vert », by its name.
  await list.getByRole('button', { name: `Couleur ${renamed}` }).click();
  const colour = page.getByRole('dialog', { name: `Couleur de l'agenda « ${renamed} »` });
  await colour.getByRole('radio', { name: 'Vert' }).check();
  expect(await axeViolations(page)).toEqual([]);
  await colour.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(colour).toBeHidden();
  await expect.poll(async () => (await calendarNamed(renamed))?.color?.toLowerCase()).toBe(GREEN);
  await expect(list.getByRole('listitem').filter({ hasText: renamed })).toContainText('Vert');

  // An event in it: drawn green, the calendar named in its title.
  await tools.getByLabel('Agenda', { exact: true }).selectOption(id);
  await page.getByRole('button', { name: 'Nouvel événement' }).click();
  const form = page.getByRole('dialog', { name: 'Nouvel événement' });
  await form.getByLabel('Titre').fill(title);
  await form.getByLabel('Date').fill(DAY);
  await form.getByLabel('Début').fill('10:00');
  await form.getByLabel('Fin').fill('11:00');
  await form.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(form).toBeHidden();
  await expect.poll(async () => (await eventsIn(id)).map((e) => e.title)).toEqual([title]);
  const event = page.getByRole('button', { name: new RegExp(title) });
  await expect(event).toBeVisible();
  await expect(event).toHaveAttribute('title', renamed);
  await expect(page.locator('li.event').filter({ hasText: title })).toHaveCSS('border-left-color', 'rgb(21, 128, 61)');

  // Hide: gone from the view, still on the server; a reload keeps it hidden.
  const show = list.getByRole('checkbox', { name: `Afficher ${renamed}` });
  await show.uncheck();
  await expect(event).toHaveCount(0);
  expect(await eventsIn(id)).toHaveLength(1);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: /^Semaine du/ })).toBeVisible();
  await expect(show).not.toBeChecked();
  // The seeded calendar's events are still drawn: only this one is hidden.
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  await expect(event).toHaveCount(0);

  // Show again.
  await show.check();
  await expect(event).toBeVisible();

  // Delete, after a confirmation that counts the events.
  await list.getByRole('button', { name: `Supprimer ${renamed}` }).click();
  const confirm = page.getByRole('dialog', { name: `Supprimer l'agenda « ${renamed} » ?` });
  await expect(confirm).toContainText('L\'agenda et ses 1 événement(s) seront supprimés définitivement.');
  expect(await axeViolations(page)).toEqual([]);
  await confirm.getByRole('button', { name: 'Supprimer l\'agenda' }).click();
  await expect(confirm).toBeHidden();
  await expect.poll(async () => calendarNamed(renamed)).toBeUndefined();
  expect(await eventsIn(id)).toHaveLength(0);
  await expect(list.getByRole('checkbox', { name: `Afficher ${renamed}` })).toHaveCount(0);
  await expect(event).toHaveCount(0);
});
