// Journey (Agenda): « Modifier l'événement ». An event created, then edited
// from its details (title, place, time, a 15-minute reminder): after a
// reload the week and the server hold the new values. A weekly event: one
// occurrence's title changed alone, then the series renamed: the other
// occurrences follow, the edited one keeps its own title.
import { test, expect, login, jmap, axeViolations, CAL, isoDay, mondayNow, plusDays } from './fixtures.mjs';

const USER = 'cmoreau';
const iso = isoDay;
const w = (k) => plusDays(mondayNow(), 7 * k);

async function toAgendaWeek(page, k) {
  await page.getByRole('link', { name: 'Agenda' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Semaine du lundi/ })).toBeVisible();
  for (let i = 0; i < k; i += 1) await page.getByRole('button', { name: 'Semaine suivante' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`lundi ${w(k).getDate()} `);
}

async function closeNotices(page) {
  const notices = page.getByRole('region', { name: 'Notifications' });
  for (const close of await notices.getByRole('button', { name: 'Fermer' }).all()) await close.click();
}

async function create(page, { title, date, start, end, place, repeat }) {
  await page.getByRole('button', { name: 'Nouvel événement' }).click();
  const form = page.getByRole('dialog', { name: 'Nouvel événement' });
  await form.getByLabel('Titre').fill(title);
  await form.getByLabel('Date').fill(date);
  await form.getByLabel('Début').fill(start);
  await form.getByLabel('Fin').fill(end);
  if (place) await form.getByLabel('Lieu').fill(place);
  if (repeat) await form.getByLabel('Répétition').selectOption({ label: repeat });
  await form.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(form).toBeHidden();
}

async function serverEvents(titles) {
  const q = await jmap(USER, (a) => [
    ['CalendarEvent/get', { accountId: a, ids: null, properties: ['title', 'start', 'duration', 'locations', 'alerts', 'recurrenceOverrides'] }, 'g'],
  ], [CAL]);
  return q.g.list.filter((e) => titles.includes(e.title));
}

test('edit an event: title, place, time and a reminder; persisted on the server', async ({ page }) => {
  const id = Date.now().toString(36);
  const [before, after] = [`Rencontre ${id}`, `Entretien ${id}`];
  const tuesday = plusDays(w(2), 1);
  const tue = page.locator('section.day').nth(1);

  await login(page, USER);
  await toAgendaWeek(page, 2);
  await create(page, { title: before, date: iso(tuesday), start: '10:00', end: '11:00', place: 'Salle 12' });
  await expect(tue.getByRole('button', { name: new RegExp(before) })).toContainText('10:00 – 11:00');

  await tue.getByRole('button', { name: new RegExp(before) }).click();
  const details = page.getByRole('dialog', { name: before });
  await details.getByRole('button', { name: 'Modifier l\'événement' }).click();
  await expect(details).toBeHidden();
  const form = page.getByRole('dialog', { name: 'Modifier l\'événement' });
  // Filled in with the event as it is.
  await expect(form.getByLabel('Titre')).toHaveValue(before);
  await expect(form.getByLabel('Date')).toHaveValue(iso(tuesday));
  await expect(form.getByLabel('Début')).toHaveValue('10:00');
  await expect(form.getByLabel('Fin')).toHaveValue('11:00');
  await expect(form.getByLabel('Lieu')).toHaveValue('Salle 12');
  await expect(form.getByLabel('Rappel')).toHaveValue('none');
  // A single event: no choice of occurrence, no repeat.
  await expect(form.getByLabel('Toute la série')).toHaveCount(0);
  await expect(form.getByLabel('Répétition')).toHaveCount(0);
  await form.getByLabel('Titre').fill(after);
  await form.getByLabel('Lieu').fill('CDI');
  await form.getByLabel('Début').fill('14:00');
  await form.getByLabel('Fin').fill('15:30');
  await form.getByLabel('Rappel').selectOption({ label: '15 min avant' });
  expect(await axeViolations(page)).toEqual([]);
  await form.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(form).toBeHidden();
  await expect(tue.getByRole('button', { name: new RegExp(after) })).toContainText('14:00 – 15:30');
  await expect(page.getByRole('button', { name: new RegExp(before) })).toHaveCount(0);

  // Reload: the server's word, in the week and in the details.
  await page.reload();
  await toAgendaWeek(page, 2);
  await expect(tue.getByRole('button', { name: new RegExp(after) })).toContainText('14:00 – 15:30');
  await tue.getByRole('button', { name: new RegExp(after) }).click();
  const reread = page.getByRole('dialog', { name: after });
  await expect(reread).toContainText('Lieu : CDI');
  await expect(reread).toContainText('Rappel 15 min avant');
  await reread.getByRole('button', { name: 'Fermer' }).click();

  const [e] = await serverEvents([after, before]);
  expect(e.title).toBe(after);
  expect(e.start).toBe(`${iso(tuesday)}T14:00:00`);
  expect(e.duration).toBe('PT1H30M');
  expect(Object.values(e.locations).map((l) => l.name)).toEqual(['CDI']);
  const alerts = Object.values(e.alerts);
  expect(alerts).toHaveLength(1);
  expect(alerts[0].trigger.offset).toBe('-PT15M');
  expect(alerts[0].action).toBe('display');

  await jmap(USER, (a) => [['CalendarEvent/set', { accountId: a, destroy: [e.id] }, 'd']], [CAL]);
});

test('weekly event: one occurrence renamed alone, then the series renamed', async ({ page }) => {
  const id = Date.now().toString(36);
  const [series, one, renamed] = [`Permanence ${id}`, `Exceptionnelle ${id}`, `Accueil ${id}`];
  const wed = (k) => plusDays(w(k), 2);
  const column = page.locator('section.day').nth(2);
  const next = () => page.getByRole('button', { name: 'Semaine suivante' }).click();
  const previous = () => page.getByRole('button', { name: 'Semaine précédente' }).click();
  const heading = (k) => expect(page.getByRole('heading', { level: 1 })).toContainText(`lundi ${w(k).getDate()} `);

  await login(page, USER);
  await toAgendaWeek(page, 2);
  await create(page, { title: series, date: iso(wed(2)), start: '09:00', end: '10:00', repeat: 'Toutes les semaines' });
  await expect(column.getByRole('button', { name: new RegExp(series) })).toContainText('09:00 – 10:00');

  // Week 3: this occurrence only (the default choice).
  await next();
  await heading(3);
  await column.getByRole('button', { name: new RegExp(series) }).click();
  await page.getByRole('dialog', { name: series }).getByRole('button', { name: 'Modifier l\'événement' }).click();
  const form = page.getByRole('dialog', { name: 'Modifier l\'événement' });
  await expect(form.getByLabel('Cette occurrence', { exact: true })).toBeChecked();
  await form.getByLabel('Titre').fill(one);
  await form.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(form).toBeHidden();
  await expect(column.getByRole('button', { name: new RegExp(one) })).toContainText('09:00 – 10:00');
  await expect(column.getByRole('button', { name: new RegExp(series) })).toHaveCount(0);
  await previous();
  await heading(2);
  await expect(column.getByRole('button', { name: new RegExp(series) })).toBeVisible();
  await next();
  await next();
  await heading(4);
  await expect(column.getByRole('button', { name: new RegExp(series) })).toBeVisible();

  // Week 4: the whole series; its date and start stay (fields disabled).
  await closeNotices(page);
  await column.getByRole('button', { name: new RegExp(series) }).click();
  await page.getByRole('dialog', { name: series }).getByRole('button', { name: 'Modifier l\'événement' }).click();
  await form.getByLabel('Toute la série').check();
  await expect(form.getByLabel('Début')).toBeDisabled();
  await expect(form.getByLabel('Date')).toBeDisabled();
  await expect(form).toContainText('restent ceux de la série');
  expect(await axeViolations(page)).toEqual([]);
  await form.getByLabel('Titre').fill(renamed);
  await form.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(form).toBeHidden();
  await expect(column.getByRole('button', { name: new RegExp(renamed) })).toContainText('09:00 – 10:00');

  // Reload: week 2 and 4 renamed, week 3 keeps its own title.
  await page.reload();
  await toAgendaWeek(page, 2);
  await expect(column.getByRole('button', { name: new RegExp(renamed) })).toContainText('09:00 – 10:00');
  await next();
  await heading(3);
  await expect(column.getByRole('button', { name: new RegExp(one) })).toContainText('09:00 – 10:00');
  await expect(column.getByRole('button', { name: new RegExp(renamed) })).toHaveCount(0);
  await next();
  await heading(4);
  await expect(column.getByRole('button', { name: new RegExp(renamed) })).toBeVisible();

  const found = await serverEvents([series, one, renamed]);
  expect(found).toHaveLength(1);
  const s = found[0];
  expect(s.title).toBe(renamed);
  expect(s.start).toBe(`${iso(wed(2))}T09:00:00`);
  expect(s.recurrenceOverrides[`${iso(wed(3))}T09:00:00`].title).toBe(one);

  await jmap(USER, (a) => [['CalendarEvent/set', { accountId: a, destroy: [s.id] }, 'd']], [CAL]);
});
