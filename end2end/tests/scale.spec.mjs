// Journey « Scale »: the inbox scrolls from top to bottom with a bounded
// number of row elements in the DOM; rows far down are fetched by position.
// AUTAN_SCALE_USER names the account seeded with 100,000 messages (the test
// command seeds it); without it, the teacher's inbox is used.
import { test, expect, login, jmap, serverMailboxes } from './fixtures.mjs';

const BOUND = 100;

test('the inbox scrolls top to bottom with at most 100 rows in the DOM', async ({ page }) => {
  test.setTimeout(180_000);
  const user = process.env.AUTAN_SCALE_USER || 'mdupont';
  const inbox = (await serverMailboxes(user)).find((m) => m.role === 'inbox');
  const total = inbox.totalEmails;
  const last = await jmap(user, (a) => [
    ['Email/query', { accountId: a, filter: { inMailbox: inbox.id }, sort: [{ property: 'receivedAt', isAscending: false }], position: total - 1, limit: 1 }, 'q'],
    ['Email/get', { accountId: a, '#ids': { resultOf: 'q', name: 'Email/query', path: '/ids' }, properties: ['subject'] }, 'g'],
  ]);
  const lastSubject = last.g.list[0].subject;

  await login(page, user);
  await expect(page.getByText(`${total} messages`, { exact: true })).toBeVisible();
  const rows = page.locator('table.message-list tbody tr[data-pos]');
  await expect(rows.first()).toBeVisible();
  const scroller = page.locator('.list-scroll');
  const steps = 12;
  let most = 0;
  for (let i = 1; i <= steps; i += 1) {
    await scroller.evaluate((el, f) => { el.scrollTop = f * (el.scrollHeight - el.clientHeight); }, i / steps);
    // The rows on screen get their content (fetched by position).
    await expect(page.locator('table.message-list tbody tr.placeholder')).toHaveCount(0);
    const n = await rows.count();
    most = Math.max(most, n);
    expect(n, `rows in the DOM after step ${i}`).toBeLessThanOrEqual(BOUND);
  }
  expect(most).toBeGreaterThan(5);
  // At the bottom: the last row is the server's oldest message.
  const lastRow = page.locator(`table.message-list tbody tr[aria-rowindex="${total + 1}"]`);
  await expect(lastRow).toBeVisible();
  await expect(lastRow.locator('td.col-subject')).toHaveText(lastSubject || '(sans objet)');
});
