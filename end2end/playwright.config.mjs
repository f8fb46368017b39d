// Playwright drives Debian's Chromium (no browser download) against the app
// served by the dev stack's edge server, with the real seeded Cyrus behind it.
import { defineConfig } from '@playwright/test';

const port = process.env.AUTAN_EDGE_PORT || '8080';

export default defineConfig({
  testDir: './tests',
  // The journeys share one Cyrus (and one test stops it): run them in order.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    launchOptions: {
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      args: [
        '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
        '--disable-dev-shm-usage',
      ],
    },
    trace: 'off',
  },
});
