// Journey (Agenda): import a .ics of 50 events into a new calendar with the
// progress bar; export that calendar and import the file into another new,
// empty calendar: the server holds the same events in both.
import { test, expect, login, jmap, CAL } from './fixtures.mjs';
import { readFileSync } from 'node:fs';

const USER = 'sbernard';
const pad = (n) => String(n).padStart(2, '0');

function ics(stamp) {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//e2e//FR'];
  for (let i = 0; i < 50; i++) {
    const day = new Date(Date.UTC(2027, 2, 1 + i)); // March and April 2027
    const d = `${day.getUTCFullYear()}${pad(day.getUTCMonth() + 1)}${pad(day.getUTCDate())}`;
    lines.push('BEGIN:VEVENT', `UID:e2e-${stamp}-${i}@example.org`, `DTSTAMP:${d}T000000Z`,
      `DTSTART;TZID=Europe/Paris:${d}T${pad(8 + (i % 9))}0000`, `DTEND;TZID=Europe/Paris:${d}T${pad(9 + (i % 9))}0000`,
      `SUMMARY:Cours ${stamp} n°${i}`, `LOCATION:Salle ${i % 7}`, 'END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return lines.join('\r\n') + '\r\n';
}

async function eventsOf(calendarId) {
  const r = await jmap(USER, (a) => [['CalendarEvent/get', { accountId: a, ids: null, properties: ['calendarId', 'title', 'start', 'timeZone', 'duration', 'locations'] }, 'g']], [CAL]);
  return r.g.list.filter((e) => e.calendarId === calendarId)
    .map((e) => `${e.title}|${e.start}|${e.timeZone}|${e.duration}|${Object.values(e.locations || {}).map((l) => l.name).join()}`)
    .sort();
}

async function calendarNamed(name) {
  const r = await jmap(USER, (a) => [['Calendar/get', { accountId: a }, 'c']], [CAL]);
  return r.c.list.find((c) => c.name === name);
}

test('import 50 events with a progress bar; export and re-import into an empty calendar gives the same events', async ({ page }) => {
  const stamp = Date.now().toString(36);
  const names = [`Cours importés ${stamp}`, `Copie ${stamp}`];
  await login(page, USER);
  await page.getByRole('link', { name: 'Agenda' }).click();
  const tools = page.getByRole('region', { name: 'Agendas' });

  async function newCalendar(name) {
    await tools.getByLabel('Nouvel agenda').fill(name);
    await tools.getByRole('button', { name: 'Créer l\'agenda' }).click();
    await expect.poll(async () => (await calendarNamed(name))?.id).toBeTruthy();
    const { id } = await calendarNamed(name);
    // The new calendar is the one imports now fill.
    await expect(tools.getByLabel('Agenda', { exact: true })).toHaveValue(id);
    return id;
  }

  async function importFile(file) {
    // Every value the progress bar shows, recorded as it changes.
    await page.evaluate(() => {
      window.__progress = [];
      new MutationObserver(() => {
        const p = document.querySelector('.calendar-tools progress');
        if (p) window.__progress.push(`${p.value}/${p.max}`);
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    });
    await tools.locator('#ics-import').setInputFiles(file);
    // This import's bar, then its end: the summary of a previous import may
    // still be on screen with the same words.
    await expect.poll(() => page.evaluate(() => window.__progress.length)).toBeGreaterThan(0);
    await expect(tools.locator('progress')).toHaveCount(0, { timeout: 30_000 });
    await expect(tools.getByRole('status')).toHaveText('50 événement(s) importé(s), 0 ignoré(s).', { timeout: 30_000 });
    const seen = await page.evaluate(() => window.__progress);
    expect(seen.length, 'the progress bar was shown').toBeGreaterThan(0);
    expect(seen.every((v) => v.endsWith('/50'))).toBe(true);
  }

  const first = await newCalendar(names[0]);
  await importFile({ name: 'cours.ics', mimeType: 'text/calendar', buffer: Buffer.from(ics(stamp)) });
  const original = await eventsOf(first);
  expect(original).toHaveLength(50);
  expect(original[0]).toContain('|Europe/Paris|PT1H|Salle');

  const [download] = await Promise.all([page.waitForEvent('download'), tools.getByRole('button', { name: 'Exporter l\'agenda (.ics)' }).click()]);
  expect(download.suggestedFilename()).toBe(`${names[0]}.ics`);
  const exported = readFileSync(await download.path(), 'utf8');
  expect(exported.match(/BEGIN:VEVENT/g)).toHaveLength(50);

  const second = await newCalendar(names[1]);
  await importFile({ name: 'copie.ics', mimeType: 'text/calendar', buffer: Buffer.from(exported) });
  expect(await eventsOf(second)).toEqual(original);

  await jmap(USER, (a) => [['Calendar/set', { accountId: a, destroy: [first, second] }, 'd']], [CAL]);
});
