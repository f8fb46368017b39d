// Journey (Agenda, views): the month view shows the seeded conseil de classe
// on its day; its day number opens the day view, where the event sits at its
// hour; the work week has five columns, Monday to Friday; the mini-month
// navigates (by pointer and by keyboard); reload and back/forward keep the
// view; a crowded day says « +N autres »; axe-core finds nothing on the month
// and day views.
import { test, expect, login, jmap, axeViolations, CAL } from './fixtures.mjs';

const FR_DAYS = ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'];
const FR_MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];
const pad = (n) => String(n).padStart(2, '0');
const cap = (s) => s[0].toUpperCase() + s.slice(1);
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A calendar date (no time, no zone): { y, m, d }. */
const ymd = (y, m, d) => {
  const t = new Date(Date.UTC(y, m - 1, d));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate(), wd: t.getUTCDay() };
};
const iso = (x) => `${x.y}-${pad(x.m)}-${pad(x.d)}`;
/** « mardi 1 décembre 2026 » (month cells, mini-month days). */
const longDate = (x) => `${FR_DAYS[x.wd]} ${x.d} ${FR_MONTHS[x.m - 1]} ${x.y}`;
/** « Mardi 1er décembre 2026 » (the day view's heading). */
const dayTitle = (x) => cap(`${FR_DAYS[x.wd]} ${x.d === 1 ? '1er' : x.d} ${FR_MONTHS[x.m - 1]} ${x.y}`);
/** « mardi 1 décembre » (a day column's heading). */
const dayLabel = (x) => `${FR_DAYS[x.wd]} ${x.d} ${FR_MONTHS[x.m - 1]}`;
const monthTitle = (x) => `${cap(FR_MONTHS[x.m - 1])} ${x.y}`;

/** Today in Paris, as the app counts it. */
function todayParis() {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', year: 'numeric', month: 'numeric', day: 'numeric' })
    .formatToParts(new Date()).map((p) => [p.type, Number(p.value)]));
  return ymd(parts.year, parts.month, parts.day);
}

test('month, day and work-week views, the mini-month, and the view kept in the URL', async ({ page }) => {
  const r = await jmap('mdupont', (a) => [['CalendarEvent/get', { accountId: a, ids: ['conseil-3eB-mdupont@seed.ac-toulouse.fr'], properties: ['title', 'start', 'timeZone', 'duration'] }, 'e']], [CAL]);
  const ev = r.e.list[0];
  expect(ev.timeZone).toBe('Europe/Paris');
  const [date, time] = ev.start.split('T');
  const day = ymd(...date.split('-').map(Number));
  const hhmm = time.slice(0, 5);
  const [hh, mm] = hhmm.split(':').map(Number);
  const today = todayParis();

  const h1 = page.getByRole('heading', { level: 1 });
  const views = page.getByRole('group', { name: 'Affichage' });
  const mini = page.getByRole('navigation', { name: 'Choisir une date' });

  await login(page);
  await page.getByRole('link', { name: 'Agenda' }).click();
  await expect(h1).toHaveText(/^Semaine du lundi/);
  await expect(views.getByRole('button', { name: 'Semaine', exact: true })).toHaveAttribute('aria-pressed', 'true');

  // Month view: this month, today marked, Monday first.
  await views.getByRole('button', { name: 'Mois' }).click();
  await expect(views.getByRole('button', { name: 'Mois' })).toHaveAttribute('aria-pressed', 'true');
  await expect(h1).toHaveText(monthTitle(today));
  await expect(page).toHaveURL(/\/agenda\?vue=mois&date=/);
  const month = page.getByRole('table', { name: monthTitle(today) });
  await expect(month.getByRole('columnheader')).toHaveText(['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche']);
  await expect(month.locator('[aria-current="date"]')).toHaveAccessibleName(longDate(today));

  // The mini-month goes to the event's month (the seed puts it next
  // Tuesday: this month or the next), then to its day.
  const ahead = (day.y * 12 + day.m) - (today.y * 12 + today.m);
  expect(ahead).toBeGreaterThanOrEqual(0);
  for (let i = 0; i < ahead; i++) await mini.getByRole('button', { name: 'Afficher le mois suivant' }).click();
  await expect(mini.getByRole('heading')).toHaveText(monthTitle(day));
  await mini.getByRole('button', { name: longDate(day), exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`vue=mois&date=${date}$`));
  await expect(h1).toHaveText(monthTitle(day));

  // The event on its day, with its time; it opens the details.
  const grid = page.getByRole('table', { name: monthTitle(day) });
  const number = grid.getByRole('button', { name: longDate(day), exact: true });
  const cell = grid.getByRole('cell').filter({ has: page.getByRole('button', { name: longDate(day), exact: true }) });
  const item = cell.getByRole('button', { name: new RegExp(`^${hhmm} ${escape(ev.title)}`) });
  await expect(item).toBeVisible();
  // Only on that day.
  await expect(grid.getByRole('button', { name: new RegExp(escape(ev.title)) })).toHaveCount(1);
  expect(await axeViolations(page)).toEqual([]);
  await item.click();
  const details = page.getByRole('dialog', { name: ev.title });
  await expect(details).toBeVisible();
  await details.getByRole('button', { name: 'Fermer' }).click();
  await expect(details).toBeHidden();

  // The day number opens the day view: the event at its hour.
  await number.click();
  await expect(h1).toHaveText(dayTitle(day));
  await expect(views.getByRole('button', { name: 'Jour', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(page).toHaveURL(new RegExp(`vue=jour&date=${date}$`));
  await expect(page.locator('section.day')).toHaveCount(1);
  const column = page.getByRole('region', { name: dayLabel(day) });
  const placed = column.getByRole('listitem').filter({ hasText: ev.title });
  await expect(placed).toContainText(`${hhmm} – `);
  const [box, ruler] = [await placed.boundingBox(), await column.locator('ul.day-events').boundingBox()];
  expect(Math.abs(box.y - ruler.y - ((hh - 7) * 48 + Math.floor((mm * 48) / 60)))).toBeLessThan(2);
  expect(await axeViolations(page)).toEqual([]);

  // Reload: the same view, the same day.
  await page.reload();
  await expect(h1).toHaveText(dayTitle(day));
  await expect(placed).toContainText(`${hhmm} – `);

  // The work week: five columns, Monday to Friday, the event in its own.
  await views.getByRole('button', { name: 'Semaine de travail' }).click();
  await expect(h1).toHaveText(/^Semaine de travail du lundi \d+ \S+ au vendredi \d+ \S+ \d{4}$/);
  const columns = page.locator('section.day h2');
  await expect(columns).toHaveCount(5);
  await expect(columns.first()).toHaveText(/^lundi /);
  await expect(columns.last()).toHaveText(/^vendredi /);
  await expect(page.getByRole('region', { name: dayLabel(day) }).getByRole('listitem').filter({ hasText: ev.title })).toContainText(`${hhmm} – `);

  // History: back to the day, forward to the work week.
  await page.goBack();
  await expect(h1).toHaveText(dayTitle(day));
  await expect(page.locator('section.day')).toHaveCount(1);
  await page.goForward();
  await expect(page.locator('section.day')).toHaveCount(5);
  await page.goBack();
  await expect(h1).toHaveText(dayTitle(day));

  // The mini-month by keyboard: one tab stop on the day shown; arrows move,
  // Enter opens in the current view.
  const stop = mini.getByRole('button', { name: longDate(day), exact: true });
  await expect(stop).toHaveAttribute('tabindex', '0');
  await stop.focus();
  const next = ymd(day.y, day.m, day.d + 1);
  const weekLater = ymd(day.y, day.m, day.d + 8);
  await page.keyboard.press('ArrowRight');
  await expect(mini.getByRole('button', { name: longDate(next), exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(h1).toHaveText(dayTitle(next));
  await expect(page).toHaveURL(new RegExp(`vue=jour&date=${iso(next)}$`));
  await mini.getByRole('button', { name: longDate(next), exact: true }).focus();
  await page.keyboard.press('ArrowDown');
  await expect(mini.getByRole('button', { name: longDate(weekLater), exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(h1).toHaveText(dayTitle(weekLater));

  // The toolbar steps by the view's unit.
  const back = ymd(day.y, day.m, day.d + 7);
  await page.getByRole('button', { name: 'Jour précédent', exact: true }).click();
  await expect(h1).toHaveText(dayTitle(back));
  await views.getByRole('button', { name: 'Mois' }).click();
  await expect(h1).toHaveText(monthTitle(back));
  await page.getByRole('button', { name: 'Mois suivant', exact: true }).click();
  await expect(h1).toHaveText(monthTitle(ymd(back.y, back.m + 1, 1)));
  await page.getByRole('button', { name: 'Aujourd\'hui' }).click();
  await expect(h1).toHaveText(monthTitle(today));
});

test('a crowded day lists what fits and « +N autres », which opens the day', async ({ page }) => {
  const USER = 'mdupont';
  const DAY = '2031-05-18'; // a Sunday: no seeded lessons
  const tag = `Vue mois ${Date.now().toString(36)}`;
  const cals = await jmap(USER, (a) => [['Calendar/get', { accountId: a }, 'c']], [CAL]);
  const calendarId = cals.c.list.find((c) => c.mayModifyItems !== false)?.id ?? cals.c.list[0].id;
  const create = Object.fromEntries([8, 9, 10, 11, 14].map((h, i) => [`e${i}`, {
    '@type': 'jsevent', calendarId, title: `${tag} ${i + 1}`, start: `${DAY}T${pad(h)}:00:00`, timeZone: 'Europe/Paris', duration: 'PT30M',
  }]));
  const made = await jmap(USER, (a) => [['CalendarEvent/set', { accountId: a, create }, 's']], [CAL]);
  const ids = Object.values(made.s.created ?? {}).map((c) => c.id);
  expect(ids, JSON.stringify(made.s.notCreated)).toHaveLength(5);
  try {
    await login(page, USER);
    await expect(page.getByRole('link', { name: 'Agenda' })).toBeVisible();
    // A link to a month (as bookmarked): the view and date come from the URL.
    await page.goto(`/agenda?vue=mois&date=${DAY}`);
    const h1 = page.getByRole('heading', { level: 1 });
    await expect(h1).toHaveText('Mai 2031');
    const grid = page.getByRole('table', { name: 'Mai 2031' });
    const cell = grid.getByRole('cell').filter({ has: page.getByRole('button', { name: 'dimanche 18 mai 2031', exact: true }) });
    await expect(cell.getByRole('button', { name: new RegExp(escape(tag)) })).toHaveText([`08:00 ${tag} 1`, `09:00 ${tag} 2`]);
    const more = cell.getByRole('button', { name: '+3 autres le dimanche 18 mai 2031' });
    await expect(more).toBeVisible();
    await more.click();
    await expect(h1).toHaveText('Dimanche 18 mai 2031');
    await expect(page.getByRole('region', { name: 'dimanche 18 mai' }).getByRole('listitem').filter({ hasText: tag })).toHaveCount(5);
  } finally {
    await jmap(USER, (a) => [['CalendarEvent/set', { accountId: a, destroy: ids }, 'd']], [CAL]);
  }
});
