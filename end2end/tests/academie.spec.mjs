// Journey: switching the académie preset in config.json changes the name and
// colours without a rebuild.
import { test, expect } from './fixtures.mjs';
import { readFileSync, writeFileSync, copyFileSync, rmSync, existsSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './fixtures.mjs';

const dist = process.env.AUTAN_DIST || path.join(ROOT, 'dist');
const config = path.join(dist, 'config.json');

test('switching config.json to Montpellier re-brands the app, no rebuild', async ({ page }) => {
  const original = readFileSync(config);
  const precompressed = ['.br', '.gz'].filter((ext) => existsSync(config + ext));
  const saved = precompressed.map((ext) => [ext, readFileSync(config + ext)]);
  try {
    await page.goto('/connexion');
    await expect(page.getByText('Académie de Toulouse')).toBeVisible();
    const toulouse = await page.getByRole('button', { name: 'Se connecter' }).evaluate((b) => getComputedStyle(b).backgroundColor);
    expect(toulouse).toBe('rgb(140, 29, 64)');

    // What an operator does: copy another preset over config.json.
    for (const ext of precompressed) rmSync(config + ext);
    copyFileSync(path.join(dist, 'presets/montpellier.json'), config);
    await page.reload();
    await expect(page.getByText('Académie de Montpellier')).toBeVisible();
    await expect(page.getByText('Académie de Toulouse')).toHaveCount(0);
    const montpellier = await page.getByRole('button', { name: 'Se connecter' }).evaluate((b) => getComputedStyle(b).backgroundColor);
    expect(montpellier).toBe('rgb(11, 87, 136)');
    await expect(page).toHaveTitle(/Montpellier/);
  } finally {
    writeFileSync(config, original);
    for (const [ext, data] of saved) writeFileSync(config + ext, data);
  }
});
