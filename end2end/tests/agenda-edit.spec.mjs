// Journey (Agenda): create a weekly event with the keyboard-friendly form,
// delete one occurrence (the exception), drag another to Thursday 14:00,
// delete « cette occurrence et les suivantes » further on; after a reload
// the weeks show exactly that, and the server holds one series with its
// override, its exclusion and its end.
import { test, expect, login, jmap, axeViolations, CAL, isoDay, mondayNow, plusDays } from './fixtures.mjs';

const USER = 'sbernard';
const iso = isoDay;

test('weekly event with an exception, one occurrence dragged, the rest ended; all persisted', async ({ page }) => {
  const title = `Soutien maths ${Date.now().toString(36)}`;
  // Weeks 2 to 5 from now: nothing seeded there for this user's test.
  const w = (k) => plusDays(mondayNow(), 7 * k);
  const tuesday = (k) => plusDays(w(k), 1);
  const next = () => page.getByRole('button', { name: 'Semaine suivante' }).click();
  const column = (k, day) => page.locator('section.day').nth(day);
  const event = page.getByRole('button', { name: new RegExp(title) });

  await login(page, USER);
  await page.getByRole('link', { name: 'Agenda' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Semaine du lundi/ })).toBeVisible();
  await next();
  await next();

  // Create, with the keyboard only.
  await page.getByRole('button', { name: 'Nouvel événement' }).focus();
  await page.keyboard.press('Enter');
  const form = page.getByRole('dialog', { name: 'Nouvel événement' });
  await expect(form).toBeVisible();
  await page.keyboard.type(title); // the title field has the focus
  await form.getByLabel('Date').fill(iso(tuesday(2)));
  await form.getByLabel('Début').fill('10:00');
  await form.getByLabel('Fin').fill('10:45');
  await form.getByLabel('Lieu').fill('Salle 12');
  await form.getByLabel('Répétition').selectOption({ label: 'Toutes les semaines' });
  expect(await axeViolations(page)).toEqual([]);
  await form.getByLabel('Lieu').focus();
  await page.keyboard.press('Enter');
  await expect(form).toBeHidden();
  await expect(column(2, 1).getByRole('button', { name: new RegExp(title) })).toContainText('10:00 – 10:45');

  // Week 3: delete this occurrence only.
  await next();
  await column(3, 1).getByRole('button', { name: new RegExp(title) }).click();
  const details = page.getByRole('dialog', { name: title });
  await details.getByLabel('Cette occurrence', { exact: true }).check();
  expect(await axeViolations(page)).toEqual([]);
  await details.getByRole('button', { name: 'Supprimer l\'événement' }).click();
  await expect(event).toHaveCount(0);

  // Week 4: drag the occurrence to Thursday, 14:00 (once week 4 is on screen
  // and its events placed: a drag that starts while the week is being
  // replaced drops nowhere).
  await next();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`lundi ${w(4).getDate()} `);
  const tue = column(4, 1).getByRole('listitem').filter({ hasText: title });
  await expect(tue).toBeVisible();
  // « Agenda mis à jour » (week 3's deletion) would go away mid-drag and move
  // the grid under the pointer: closed first, as a user would see it go.
  const notices = page.getByRole('region', { name: 'Notifications' });
  for (const close of await notices.getByRole('button', { name: 'Fermer' }).all()) await close.click();
  await expect(notices.getByRole('button', { name: 'Fermer' })).toHaveCount(0);
  await tue.dragTo(column(4, 3).locator('ul.day-events'), { targetPosition: { x: 10, y: (14 - 7) * 48 + 2 } });
  await expect(column(4, 3).getByRole('button', { name: new RegExp(title) })).toContainText('14:00 – 14:45');
  await expect(column(4, 1).getByRole('button', { name: new RegExp(title) })).toHaveCount(0);

  // Week 5: this occurrence and the following ones.
  await next();
  await column(5, 1).getByRole('button', { name: new RegExp(title) }).click();
  await details.getByLabel('Cette occurrence et les suivantes').check();
  await details.getByRole('button', { name: 'Supprimer l\'événement' }).click();
  await expect(event).toHaveCount(0);
  await next();
  await expect(page.locator('section.day').first()).toBeVisible();
  await expect(event).toHaveCount(0);

  // Reload: the server's word.
  await page.reload();
  await page.getByRole('link', { name: 'Agenda' }).click();
  await next();
  await next();
  await expect(column(2, 1).getByRole('button', { name: new RegExp(title) })).toContainText('10:00 – 10:45');
  await next();
  await expect(page.locator('section.day').first()).toBeVisible();
  await expect(event).toHaveCount(0);
  await next();
  await expect(column(4, 3).getByRole('button', { name: new RegExp(title) })).toContainText('14:00 – 14:45');
  await next();
  await expect(page.locator('section.day').first()).toBeVisible();
  await expect(event).toHaveCount(0);

  const q = await jmap(USER, (a) => [
    ['CalendarEvent/get', { accountId: a, ids: null, properties: ['title', 'start', 'recurrenceRule', 'recurrenceOverrides'] }, 'g'],
  ], [CAL]);
  const series = q.g.list.filter((e) => e.title === title);
  expect(series).toHaveLength(1);
  const s = series[0];
  expect(s.start).toBe(`${iso(tuesday(2))}T10:00:00`);
  expect(s.recurrenceRule.frequency).toBe('weekly');
  expect(s.recurrenceRule.until >= `${iso(tuesday(4))}T10:00:00`).toBe(true);
  expect(s.recurrenceRule.until < `${iso(tuesday(5))}T10:00:00`).toBe(true);
  expect(s.recurrenceOverrides[`${iso(tuesday(3))}T10:00:00`]).toEqual({ excluded: true });
  expect(s.recurrenceOverrides[`${iso(tuesday(4))}T10:00:00`].start).toBe(`${iso(plusDays(w(4), 3))}T14:00:00`);

  await jmap(USER, (a) => [['CalendarEvent/set', { accountId: a, destroy: [s.id] }, 'd']], [CAL]);
});
