// Journey (Agenda, first part): the week view shows the seeded conseil de
// classe on the right day at the right hour; weeks change with the toolbar.
import { test, expect, login, jmap, axeViolations } from './fixtures.mjs';

const CAL = 'https://cyrusimap.org/ns/jmap/calendars';
const FR_DAYS = ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'];
const FR_MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

test('the week view shows the seeded conseil de classe at its day and hour', async ({ page }) => {
  const r = await jmap('mdupont', (a) => [['CalendarEvent/get', { accountId: a, ids: ['conseil-3eB-mdupont@seed.ac-toulouse.fr'], properties: ['title', 'start', 'timeZone', 'duration'] }, 'e']], [CAL]);
  const ev = r.e.list[0];
  expect(ev.timeZone).toBe('Europe/Paris');
  const [date, time] = ev.start.split('T');
  const [y, m, d] = date.split('-').map(Number);
  const day = new Date(Date.UTC(y, m - 1, d));
  const label = `${FR_DAYS[day.getUTCDay()]} ${d} ${FR_MONTHS[m - 1]}`;
  const hhmm = time.slice(0, 5);

  await login(page);
  await page.getByRole('link', { name: 'Agenda' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Semaine du lundi/ })).toBeVisible();
  // The event's week is this one or a later one (the seed puts it next Tuesday).
  const column = page.getByRole('region', { name: label });
  for (let i = 0; i < 3 && (await column.count()) === 0; i++) {
    await page.getByRole('button', { name: 'Semaine suivante' }).click();
  }
  const item = column.getByRole('listitem').filter({ hasText: ev.title });
  await expect(item).toContainText(`${hhmm} – `);
  expect(await axeViolations(page)).toEqual([]);

  // Back to this week: « Aujourd'hui ».
  await page.getByRole('button', { name: 'Aujourd\'hui' }).click();
  await expect(page.locator('.day.today')).toHaveCount(1);
});
