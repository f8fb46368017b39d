// « Mon compte » (MaMamia), issue 4: find an account, reset and change a
// password, first login on the NUMEN, assistance, keyboard only, axe — in
// Debian's Chromium against the real account service, slapd and Cyrus (a
// password changed here is checked by Cyrus through saslauthd → slapd).
import { execSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test, expect, axeViolations, login, EDGE, ROOT, PASSWORD } from './fixtures.mjs';

const sinkLog = path.join(process.env.AUTAN_STACK_DIR || '/tmp/autan-stack', 'smtp-sink/log.jsonl');
const sinkLines = () => (existsSync(sinkLog) ? readFileSync(sinkLog, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)) : []);
const LDAP = `ldap://127.0.0.1:${process.env.AUTAN_LDAP_PORT || '3389'}/`;

/** Puts every demo password back in the directory (the journeys change some). */
function restorePasswords() {
  execSync(`python3 scripts/dev/directory.py passwords | ldapmodify -x -H ${LDAP} -D cn=admin,dc=ac-toulouse,dc=fr -w ldap-admin-dev >/dev/null`, { cwd: ROOT });
}

/** What Cyrus says of a login/password right now (200 or 401). */
async function jmapStatus(user, password) {
  const auth = 'Basic ' + Buffer.from(`${user}:${password}`).toString('base64');
  return (await fetch(`${EDGE}/jmap/`, { headers: { Authorization: auth } })).status;
}

/** Solves the captcha of `fieldset` through the test-only hook of the
 *  service (built with --features test-hooks; absent from production). */
async function solveCaptcha(page, prefix) {
  const fieldset = page.locator('fieldset.captcha');
  await expect(fieldset).toHaveAttribute('data-captcha-id', /.+/);
  const id = await fieldset.getAttribute('data-captcha-id');
  const res = await fetch(`${EDGE}/api/compte/v1/test/captcha/${id}`);
  expect(res.status, 'the test hook answers (service built with test-hooks)').toBe(200);
  const { answer } = await res.json();
  await page.locator(`#${prefix}-answer`).fill(answer);
}

test.beforeAll(() => restorePasswords());
test.afterAll(() => restorePasswords());

test('find my account: the demo teacher by name, a married teacher by her birth name', async ({ page }) => {
  await page.goto('/compte/retrouver');
  await expect(page.getByRole('heading', { level: 1, name: 'Retrouver mon compte' })).toBeVisible();
  // all fields required: a clear message, nothing sent
  await page.getByRole('button', { name: 'Rechercher mon compte' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Renseignez tous les champs obligatoires' })).toBeVisible();
  await expect(page.locator('#find-last')).toHaveAttribute('aria-invalid', 'true');

  await page.getByLabel('Nom', { exact: false }).first().fill('Durand');
  await page.getByLabel('Prénom').fill('Florent');
  await page.getByLabel('Date de naissance').fill('14/03/1985');
  await page.getByRole('button', { name: 'Rechercher mon compte' }).click();
  await expect(page.locator('.found-login')).toHaveText('fdurand');
  await expect(page.locator('.found-email')).toHaveText('florent.durand@ac-toulouse.fr');
  await expect(page.locator('.account-result .note')).toHaveCount(0);

  // Claire Moreau, née Lefèvre: the usage-name search finds nothing, the
  // birth name does (accents and case folded).
  await page.locator('#find-last').fill('LEFEVRE');
  await page.locator('#find-first').fill('claire');
  await page.locator('#find-birth').fill('21/09/1982');
  await page.getByRole('button', { name: 'Rechercher mon compte' }).click();
  await expect(page.locator('.found-login')).toHaveText('cmoreau');
  await expect(page.locator('.account-result')).toContainText('nom de naissance');

  // a wrong date finds nothing, and says so
  await page.locator('#find-birth').fill('22/09/1982');
  await page.getByRole('button', { name: 'Rechercher mon compte' }).click();
  await expect(page.getByRole('alert')).toContainText('Aucun compte ne correspond');
  // a date that does not exist: said before anything is sent
  await page.locator('#find-birth').fill('31/02/1982');
  await page.getByRole('button', { name: 'Rechercher mon compte' }).click();
  await expect(page.getByRole('alert')).toContainText('jj/mm/aaaa');
  await expect(page.locator('#find-birth')).toHaveAttribute('aria-invalid', 'true');
  expect(await axeViolations(page)).toEqual([]);
});

test('reset with identifiant + NUMEN + date + captcha, new password at once; the webmail takes the new one and refuses the old', async ({ page }) => {
  restorePasswords();
  await page.goto('/compte/reinitialiser');
  await page.locator('#reset-login').fill('fdurand');
  await page.locator('#reset-numen').fill('85E1234567FDU');
  await page.locator('#reset-birth').fill('14/03/1985');
  // a wrong captcha: refused, a new image, nothing said about the other fields
  await page.locator('#reset-captcha-answer').fill('ZZZZZZ');
  const firstId = await page.locator('fieldset.captcha').getAttribute('data-captcha-id');
  await page.getByRole('button', { name: 'Vérifier mon identité' }).click();
  await expect(page.getByRole('alert')).toContainText('vérification de sécurité est incorrecte');
  await expect(page.locator('fieldset.captcha')).not.toHaveAttribute('data-captcha-id', firstId);
  // a wrong NUMEN: the same answer as an unknown login
  await page.locator('#reset-numen').fill('85E1234567XXX');
  await solveCaptcha(page, 'reset-captcha');
  await page.getByRole('button', { name: 'Vérifier mon identité' }).click();
  await expect(page.getByRole('alert')).toContainText('ne permettent pas de vous identifier');
  // The service answers an unknown login exactly as a wrong NUMEN (status
  // and body): nothing tells which field was wrong.
  const ask = async (login, numen) => {
    const c = await (await fetch(`${EDGE}/api/compte/v1/captcha`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).json();
    const { answer } = await (await fetch(`${EDGE}/api/compte/v1/test/captcha/${c.id}`)).json();
    const r = await fetch(`${EDGE}/api/compte/v1/password/reset`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ login, numen, birthDate: '1985-03-14', captchaId: c.id, captchaAnswer: answer }),
    });
    return [r.status, await r.text()];
  };
  const unknown = await ask('personne-inconnue', '85E1234567FDU');
  expect(unknown[0]).toBe(400);
  expect(await ask('fdurand', '85E1234567XXX')).toEqual(unknown);
  await page.locator('#reset-numen').fill('85e1234567fdu');
  await solveCaptcha(page, 'reset-captcha');
  await page.getByRole('button', { name: 'Vérifier mon identité' }).click();
  await expect(page.getByRole('heading', { name: 'Choisissez votre nouveau mot de passe' })).toBeFocused();

  const fresh = `Lune-Verte-${Date.now().toString(36)}-Quai7!`;
  await page.locator('#reset-new').fill(fresh);
  await page.locator('#reset-confirm').fill(fresh);
  await expect(page.locator('#reset-rules li.unmet')).toHaveCount(0);
  await page.getByRole('button', { name: 'Enregistrer le nouveau mot de passe' }).click();
  await expect(page.getByText('Votre nouveau mot de passe est enregistré')).toBeVisible();

  // the webmail: the old password is refused, the new one opens the inbox
  await login(page, 'fdurand', PASSWORD);
  await expect(page.locator('#login-error')).toContainText('Identifiant ou mot de passe incorrect');
  await login(page, 'fdurand', fresh);
  await expect(page).toHaveURL(/\/courrier/);
  await expect(page.getByRole('navigation', { name: 'Dossiers' })).toBeVisible();
  expect(await jmapStatus('fdurand', PASSWORD)).toBe(401);
  expect(await jmapStatus('fdurand', fresh)).toBe(200);
});

test('change password: the bar and % move with each character, the checklist ticks, mismatch and a wrong current password change nothing', async ({ page }) => {
  restorePasswords();
  await page.goto('/compte/modifier');
  await page.locator('#change-login').fill('lpetit');
  await page.locator('#change-current').fill(PASSWORD);
  const meter = page.locator('#change-new-strength .strength-text');
  const rule = (r) => page.locator(`#change-rules li[data-rule="policy.${r}"]`);
  const percent = async () => Number(await meter.getAttribute('data-percent'));

  // typed one character at a time: the rules tick one by one
  const input = page.locator('#change-new');
  await input.focus();
  await page.keyboard.type('a');
  await expect(rule('lower')).toHaveClass('met');
  await expect(rule('upper')).toHaveClass('unmet');
  await expect(meter).toContainText(/Robustesse : \d+\s%/);
  await page.keyboard.type('Z');
  await expect(rule('upper')).toHaveClass('met');
  await expect(rule('digit')).toHaveClass('unmet');
  await page.keyboard.type('7');
  await expect(rule('digit')).toHaveClass('met');
  await page.keyboard.type('!');
  await expect(rule('special')).toHaveClass('met');
  await expect(rule('min_length')).toHaveClass('unmet');
  await expect.poll(percent).toBeGreaterThan(0);
  const seen = [await percent()];
  // the bar and its % follow as the password grows, character by character,
  // until it is full
  for (const ch of 'kqRm2vX9pL#tWb5&Hy') {
    const before = seen[seen.length - 1];
    if (before >= 100) break;
    await page.keyboard.type(ch);
    await expect.poll(percent).toBeGreaterThan(before);
    seen.push(await percent());
  }
  expect(new Set(seen).size, `percent values seen: ${seen}`).toBeGreaterThanOrEqual(4);
  await expect(rule('min_length')).toHaveClass('met');
  await expect(meter).toContainText(/\d+\s%\s—\s(Fort|Très fort)/);
  // the bar's width is the %; the level is written, not only coloured
  const width = await page.locator('#change-new-strength .strength-fill').evaluate((el) => el.style.width);
  expect(width).toBe(`${seen[seen.length - 1]}%`);

  // a guessable password that passes the policy scores low
  await input.fill('Toulouse31!');
  await expect.poll(percent).toBeLessThan(40);
  await expect(meter).toContainText(/Très faible|Faible/);

  const fresh = `Craie-Bleue-${Date.now().toString(36)}-Salle12?`;
  await input.fill(fresh);
  // confirmation differs: blocked with a clear message, nothing sent
  await page.locator('#change-confirm').fill(fresh + 'x');
  await expect(page.locator('#change-rules li[data-rule="policy.same"]')).toHaveClass('unmet');
  await solveCaptcha(page, 'change-captcha');
  await page.getByRole('button', { name: 'Modifier mon mot de passe' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'La confirmation ne correspond pas' })).toBeVisible();
  await expect(page.locator('#change-confirm')).toHaveAttribute('aria-invalid', 'true');
  expect(await jmapStatus('lpetit', PASSWORD)).toBe(200);

  // wrong current password: a clear error, nothing changed
  await page.locator('#change-confirm').fill(fresh);
  await expect(page.locator('#change-rules li[data-rule="policy.same"]')).toHaveClass('met');
  await page.locator('#change-current').fill('pas-le-bon-1A!');
  await page.getByRole('button', { name: 'Modifier mon mot de passe' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'mot de passe actuel incorrect' })).toBeVisible();
  expect(await jmapStatus('lpetit', PASSWORD)).toBe(200);
  expect(await jmapStatus('lpetit', fresh)).toBe(401);

  // right current password (the captcha was used: a new one)
  await page.locator('#change-current').fill(PASSWORD);
  await solveCaptcha(page, 'change-captcha');
  await page.getByRole('button', { name: 'Modifier mon mot de passe' }).click();
  await expect(page.getByText('Votre mot de passe a été modifié')).toBeVisible();
  expect(await jmapStatus('lpetit', fresh)).toBe(200);
  expect(await jmapStatus('lpetit', PASSWORD)).toBe(401);
  expect(await axeViolations(page)).toEqual([]);
});

test('first login with the NUMEN lands on « Modifier mon mot de passe », then on the inbox', async ({ page }) => {
  restorePasswords();
  await login(page, 'pnouveau', '90E2468135PNO');
  await expect(page).toHaveURL(/\/compte\/modifier/);
  await expect(page.locator('.first-login')).toContainText('Première connexion');
  await expect(page.locator('#change-login')).toHaveValue('pnouveau');
  await expect(page.locator('#change-login')).toHaveAttribute('readonly', '');
  // the password handed over by the login form left the tab's storage at once
  expect(await page.evaluate(() => sessionStorage.getItem('autan.first_login'))).toBeNull();
  // the NUMEN counts as guessable data: a new password built on it scores low
  await page.locator('#change-new').fill('90E2468135PNO!a');
  await expect.poll(async () => Number(await page.locator('#change-new-strength .strength-text').getAttribute('data-percent'))).toBeLessThan(40);
  const fresh = `Tableau-Noir-${Date.now().toString(36)}-B204!`;
  await page.locator('#change-new').fill(fresh);
  await page.locator('#change-confirm').fill(fresh);
  await solveCaptcha(page, 'change-captcha');
  await page.getByRole('button', { name: 'Modifier mon mot de passe' }).click();
  await expect(page).toHaveURL(/\/courrier/);
  await expect(page.getByRole('navigation', { name: 'Dossiers' })).toBeVisible();
  expect(await jmapStatus('pnouveau', '90E2468135PNO')).toBe(401);
  // a second login with the new password goes straight to the mail
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await login(page, 'pnouveau', fresh);
  await expect(page).toHaveURL(/\/courrier/);
});

test('assistance: contact details from config.json, and a request that reaches the help desk', async ({ page }) => {
  await page.goto('/compte/assistance');
  await expect(page.locator('.support-contact')).toContainText('05 36 25 77 77');
  await expect(page.locator('.support-contact')).toContainText('vacances de Noël');
  await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
  await expect(page.getByRole('alert')).toContainText('Renseignez tous les champs obligatoires');
  await page.locator('#help-name').fill('Florent Durand');
  await page.locator('#help-email').fill('florent.durand@ac-toulouse.fr');
  await page.locator('#help-topic').selectOption('mail');
  await page.locator('#help-description').fill('Trop court');
  await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
  await expect(page.getByRole('alert')).toContainText('au moins 20 caractères');
  const stamp = Date.now().toString(36);
  await page.locator('#help-description').fill(`Depuis ce matin je ne reçois plus les messages de ma classe (${stamp}).`);
  const before = sinkLines().length;
  await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
  const done = page.locator('.account-done');
  await expect(done).toContainText(/référence AST-/);
  const reference = (await done.textContent()).match(/AST-[A-Z0-9-]+/)[0];
  await expect.poll(() => sinkLines().length).toBeGreaterThan(before);
  const entry = sinkLines().slice(before).find((l) => JSON.stringify(l).includes('assistance@ac-toulouse.fr'));
  expect(entry, 'the request went to the help desk address').toBeTruthy();
  const raw = readFileSync(path.isAbsolute(entry.file) ? entry.file : path.join(path.dirname(sinkLog), entry.file), 'utf8');
  expect(raw).toContain(stamp);
  expect(raw).toContain(reference);
});

test('keyboard only through every form; axe-core finds nothing on the five pages', async ({ page }) => {
  restorePasswords();
  // Accueil → Retrouver mon compte, by keyboard
  await page.goto('/compte');
  expect(await axeViolations(page)).toEqual([]);
  const tabTo = async (selector, max = 40) => {
    for (let i = 0; i < max; i += 1) {
      if (await page.locator(selector).evaluate((el) => el === document.activeElement)) return;
      await page.keyboard.press('Tab');
    }
    throw new Error(`Tab never reached ${selector}`);
  };
  await tabTo('.account-nav a[href="/compte/retrouver"]');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/compte\/retrouver$/);
  await tabTo('#find-last');
  await page.keyboard.type('Durand');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Florent');
  await page.keyboard.press('Tab');
  await page.keyboard.type('14/03/1985');
  await page.keyboard.press('Enter');
  await expect(page.locator('.found-login')).toHaveText('fdurand');
  expect(await axeViolations(page)).toEqual([]);

  // Réinitialiser: the form, by keyboard, as far as the identity check
  await page.goto('/compte/reinitialiser');
  await tabTo('#reset-login');
  await page.keyboard.type('fdurand');
  await page.keyboard.press('Tab');
  await page.keyboard.type('85E1234567FDU');
  await page.keyboard.press('Tab');
  await page.keyboard.type('14031985'); // digits only: read as jj mm aaaa
  // the accessible alternative to the image, chosen by keyboard
  await tabTo('fieldset.captcha button.link');
  await page.keyboard.press('Enter');
  await expect(page.locator('fieldset.captcha label')).toContainText('Combien font');
  await expect(page.locator('fieldset.captcha legend')).toHaveText('Question de sécurité');
  expect(await axeViolations(page)).toEqual([]);
  await tabTo('#reset-captcha-answer');
  const id = await page.locator('fieldset.captcha').getAttribute('data-captcha-id');
  const { answer } = await (await fetch(`${EDGE}/api/compte/v1/test/captcha/${id}`)).json();
  await page.keyboard.type(answer);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Choisissez votre nouveau mot de passe' })).toBeFocused();
  expect(await axeViolations(page)).toEqual([]);

  // Modifier: every field reached and filled by keyboard, focus always visible
  await page.goto('/compte/modifier');
  await tabTo('#change-login');
  await page.keyboard.type('jmartin');
  await tabTo('#change-current');
  await page.keyboard.type(PASSWORD);
  const outline = await page.locator('#change-current').evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe('none');
  await tabTo('#change-new');
  await page.keyboard.type('Craie-Verte-2027-Salle8?');
  await expect(page.locator('#change-new-strength .strength-text')).toContainText('%');
  expect(await axeViolations(page)).toEqual([]);

  // Assistance, by keyboard to the sending
  await page.goto('/compte/assistance');
  await tabTo('#help-name');
  await page.keyboard.type('Julien Martin');
  await page.keyboard.press('Tab');
  await page.keyboard.type('julien.martin@ac-toulouse.fr');
  await tabTo('#help-description');
  await page.keyboard.type('Je voudrais savoir comment configurer ma messagerie sur tablette.');
  await tabTo('form button.primary');
  await page.keyboard.press('Enter');
  await expect(page.locator('.account-done')).toContainText('AST-');
  expect(await axeViolations(page)).toEqual([]);
});

test('from the webmail: Options › Modifier le mot de passe changes it and the session goes on with the new one', async ({ page }) => {
  restorePasswords();
  await login(page, 'sbernard');
  await expect(page).toHaveURL(/\/courrier/);
  await page.getByRole('link', { name: 'Options' }).click();
  await page.getByRole('link', { name: 'Modifier mon mot de passe' }).click();
  await expect(page).toHaveURL(/\/compte\/modifier$/);
  await expect(page.locator('#change-login')).toHaveAttribute('readonly', '');
  await expect(page.locator('#change-login')).toHaveValue('sbernard');
  await page.locator('#change-current').fill(PASSWORD);
  const fresh = `Classeur-Rouge-${Date.now().toString(36)}-C12!`;
  await page.locator('#change-new').fill(fresh);
  await page.locator('#change-confirm').fill(fresh);
  await solveCaptcha(page, 'change-captcha');
  await page.getByRole('button', { name: 'Modifier mon mot de passe' }).click();
  await expect(page.getByText('Votre mot de passe a été modifié')).toBeVisible();
  expect(await jmapStatus('sbernard', PASSWORD)).toBe(401);
  // the tab's session took the new password: back to the mail, no login form
  await page.getByRole('link', { name: 'Retour à la messagerie' }).click();
  await expect(page).toHaveURL(/\/courrier/);
  await expect(page.locator('table.message-list tbody tr[data-id]').first()).toBeVisible();
  await page.reload();
  await expect(page.locator('table.message-list tbody tr[data-id]').first()).toBeVisible();
  await expect(page).toHaveURL(/\/courrier/);
  expect(await axeViolations(page)).toEqual([]);
});
