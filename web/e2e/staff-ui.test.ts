/**
 * The staff UI in a real browser against the real app: Fastify serving web/dist and the API over an
 * in-memory PGlite, seeded through the real import and users services. Chromium is Debian's
 * (/usr/bin/chromium); locally the suite skips without it, in CI (CI set) it must run.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import type { AppDeps } from '../../src/app-deps.ts';
import type { Db } from '../../src/db/connection.ts';
import { LOGIN_LIMITS } from '../../src/domain/login-throttle.ts';
import { totpCode } from '../../src/modules/auth/totp.ts';
import { importAccounts } from '../../src/modules/imports/service.ts';
import { testDeps } from '../../test/support/app.ts';
import { testDatabases } from '../../test/support/databases.ts';
import { createUser, type TestUser } from '../../test/support/users.ts';

const CHROMIUM = '/usr/bin/chromium';
const WEB_DIST_INDEX = fileURLToPath(new URL('../dist/index.html', import.meta.url));
const VITE_CONFIG = fileURLToPath(new URL('../vite.config.ts', import.meta.url));
const GOOD_CSV = readFileSync(new URL('../../test/fixtures/imports/good.csv', import.meta.url));
const BAD_CSV_PATH = fileURLToPath(new URL('../../test/fixtures/imports/one-bad-row.csv', import.meta.url));
/** Set to a directory to keep screenshots of the main pages (for eyeballing the layout). */
const SCREENSHOT_DIR = process.env['TAGIH_E2E_SCREENSHOTS'] ?? null;

const canRun = existsSync(CHROMIUM) || Boolean(process.env['CI']);

describe.skipIf(!canRun)('staff UI in Chromium', () => {
  let db: Db;
  let deps: AppDeps;
  let app: FastifyInstance;
  let browser: Browser;
  let baseUrl: string;
  let supervisor: TestUser;
  let agent: TestUser;
  let admin: TestUser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    // buildApp decides at construction whether to serve web/dist, so the bundle must exist first.
    if (!existsSync(WEB_DIST_INDEX)) await build({ configFile: VITE_CONFIG, logLevel: 'warn' });
    db = await testDatabases[0]!.open();
    deps = testDeps(db);
    await importAccounts(deps, Readable.from([GOOD_CSV]), { allowPartial: false, fileName: 'good.csv', actor: { id: null, label: 'e2e' } });
    supervisor = await createUser(deps, { role: 'supervisor', username: 'sari.supervisor' });
    agent = await createUser(deps, { role: 'agent', username: 'agus.agent' });
    admin = await createUser(deps, { role: 'admin', username: 'ani.admin' });
    const kta2 = await db.kysely.selectFrom('accounts').select('id').where('account_no', '=', 'KTA-0002').executeTakeFirstOrThrow();
    await db.kysely.insertInto('assignments').values({ account_id: kta2.id, user_id: agent.id, reason: 'e2e' }).execute();

    app = await buildApp(deps);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    if (address === null || typeof address === 'string') throw new Error('app is not listening on TCP');
    baseUrl = `http://127.0.0.1:${address.port}`;

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await app?.close();
    await db?.close();
  });

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, locale: 'id-ID' });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    return page;
  }

  async function screenshot(page: Page, name: string): Promise<void> {
    if (!SCREENSHOT_DIR) return;
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
  }

  async function signIn(page: Page, user: TestUser): Promise<void> {
    await page.goto(`${baseUrl}/`);
    await page.fill('input[name=username]', user.username);
    await page.fill('input[name=password]', user.password);
    await page.click('button[type=submit]');
    if (user.mfaSecret) {
      await page.locator('input[name=code]').waitFor();
      await page.fill('input[name=code]', totpCode(user.mfaSecret, new Date()));
      await page.click('button[type=submit]');
    }
    await page.getByTestId('current-user').waitFor();
  }

  const rows = (page: Page) => page.getByTestId('account-row');
  const accountNos = async (page: Page) => rows(page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-account-no')));

  it('shows the API error for a wrong password and stays on the sign-in page', async () => {
    const page = await newPage();
    await page.goto(`${baseUrl}/accounts`);
    await page.fill('input[name=username]', supervisor.username);
    await page.fill('input[name=password]', 'not-the-password');
    await page.click('button[type=submit]');
    await expect.poll(() => page.getByTestId('login-error').textContent()).toBe('Nama pengguna atau kata sandi salah.');
    expect(await page.locator('input[name=code]').count()).toBe(0);
    expect(await page.getByTestId('current-user').count()).toBe(0);
    await screenshot(page, 'login-error');
  });

  it('shows the lockout message once the account is locked, even for the right password', async () => {
    const victim = await createUser(deps, { role: 'agent', username: 'lena.locked' });
    const page = await newPage();
    await page.goto(`${baseUrl}/`);
    const attempt = async (password: string) => {
      await page.fill('input[name=username]', victim.username);
      await page.fill('input[name=password]', password);
      await page.click('button[type=submit]');
      // The form clears the password when an answer comes back.
      await expect.poll(() => page.inputValue('input[name=password]')).toBe('');
    };
    for (let i = 0; i < LOGIN_LIMITS.maxUserFailures; i++) await attempt(`wrong-${i}`);
    await attempt(victim.password);
    expect(await page.getByTestId('login-error').textContent()).toMatch(/^Akun dikunci sementara/);
    expect(await page.getByTestId('current-user').count()).toBe(0);
  });

  it('signs a supervisor in with password and TOTP, lists, filters, opens the 360 and logs an interaction', async () => {
    const page = await newPage();
    await signIn(page, supervisor);
    expect(await page.getByTestId('current-role').textContent()).toBe('Supervisor');

    await expect.poll(() => rows(page).count()).toBe(4);
    expect(await accountNos(page)).toEqual(['CC-0003', 'KTA-0001', 'KTA-0002', 'PL-0004']);
    const outstanding = await page.getByTestId('outstanding').allTextContents();
    expect(outstanding).toEqual(['Rp750.000', 'Rp1.250.000', 'Rp2.500.000', 'Rp300.000']);
    expect(await page.getByTestId('accounts-count').textContent()).toBe('4 rekening ditampilkan');
    // A supervisor imports but does not manage users.
    expect(await page.locator('nav a', { hasText: 'Impor' }).count()).toBe(1);
    expect(await page.locator('nav a', { hasText: 'Pengguna' }).count()).toBe(0);
    await screenshot(page, 'accounts');

    await page.selectOption('select[name=zone]', 'Asia/Makassar');
    await expect.poll(() => rows(page).count()).toBe(2);
    expect(await accountNos(page)).toEqual(['CC-0003', 'KTA-0002']);

    await page.locator('a', { hasText: 'Siti Rahmawati' }).first().click();
    await page.getByTestId('purpose-prompt').waitFor();
    await page.selectOption('select[name=purpose]', 'purpose.dispute');
    await page.fill('input[name=purpose_detail]', 'tiket 42');
    await page.click('[data-testid=purpose-prompt] button[type=submit]');

    await page.getByTestId('profile-card').waitFor();
    expect(await page.locator('.profile-name').textContent()).toBe('Siti Rahmawati');
    expect(await page.getByTestId('nik').textContent()).toBe('7371024506880002');
    const accounts = await page.getByTestId('debtor-account').evaluateAll((els) => els.map((e) => e.getAttribute('data-account-no')));
    expect(accounts).toEqual(['CC-0003', 'KTA-0002']);
    const timeline = await page.getByTestId('timeline-entry').allTextContents();
    expect(timeline.some((e) => e.includes('CC-0003 masuk bucket'))).toBe(true);
    // The purpose travelled as X-Tagih-Purpose and sits in the PII-read audit entry.
    const reads = await db.kysely.selectFrom('audit_log').select(['actor_label', 'reason']).where('action', '=', 'pii.read').execute();
    expect(reads).toContainEqual({ actor_label: supervisor.username, reason: 'Verifikasi sengketa: tiket 42' });
    await screenshot(page, 'debtor-360');

    await page.selectOption('[data-testid=interaction-form] select[name=outcome]', 'ptp');
    await page.fill('[data-testid=interaction-form] textarea[name=notes]', 'Janji bayar tanggal 30');
    await page.click('[data-testid=interaction-form] button[type=submit]');
    await expect.poll(() => page.getByTestId('timeline-entry').first().textContent(), { timeout: 15_000 }).toContain('Keluar voice — ptp: Janji bayar tanggal 30');
    const stored = await db.kysely.selectFrom('interactions').select(['outcome', 'notes', 'channel']).execute();
    expect(stored).toEqual([{ outcome: 'ptp', notes: 'Janji bayar tanggal 30', channel: 'voice' }]);
  });

  it('shows an agent only the assigned account, the debtor with masked NIK, and no import menu', async () => {
    const page = await newPage();
    await signIn(page, agent);
    expect(await page.getByTestId('current-role').textContent()).toBe('Agen desk');
    await expect.poll(() => rows(page).count()).toBe(1);
    expect(await accountNos(page)).toEqual(['KTA-0002']);
    expect(await page.locator('nav a', { hasText: 'Impor' }).count()).toBe(0);

    await page.locator('a', { hasText: 'Siti Rahmawati' }).click();
    await page.getByTestId('profile-card').waitFor();
    expect(await page.getByTestId('purpose-prompt').count()).toBe(0);
    const nik = await page.getByTestId('nik').textContent();
    expect(nik).toMatch(/^7371\*+0002$/);
    expect(await page.getByTestId('pii-state').textContent()).toBe('Data pribadi disamarkan');
    const contacts = await page.getByTestId('contact').allTextContents();
    expect(contacts.join(' ')).not.toContain('81298765432');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'agent-360-phone');
  });

  it('switches to English and keeps the choice after a reload', async () => {
    const page = await newPage();
    await signIn(page, agent);
    await page.getByTestId('lang-toggle').click();
    await expect.poll(() => page.locator('nav a').first().textContent()).toBe('Accounts');
    await page.reload();
    await page.getByTestId('current-user').waitFor();
    expect(await page.locator('nav a').first().textContent()).toBe('Accounts');
    expect(await page.getByTestId('current-role').textContent()).toBe('Desk agent');
  });

  it('lets an admin see the users list and add a user', async () => {
    const page = await newPage();
    await signIn(page, admin);
    await page.locator('nav a', { hasText: 'Pengguna' }).click();
    await page.getByTestId('users-table').waitFor();
    const names = await page.locator('[data-testid=users-table] tbody td.mono').allTextContents();
    expect(names).toEqual(expect.arrayContaining([supervisor.username, agent.username, admin.username]));

    await page.fill('[data-testid=user-create] input[name=username]', 'fajar.field');
    await page.fill('[data-testid=user-create] input[name=displayName]', 'Fajar Lapangan');
    await page.selectOption('[data-testid=user-create] select[name=role]', 'field_agent');
    await page.fill('[data-testid=user-create] input[name=password]', 'Kuat-sekali-2026!');
    await page.click('[data-testid=user-create] button[type=submit]');
    await expect.poll(() => page.locator('[data-testid=users-table] tbody td.mono').allTextContents()).toContain('fajar.field');
    const row = await db.kysely.selectFrom('users').select(['role', 'display_name']).where('username', '=', 'fajar.field').executeTakeFirst();
    expect(row).toEqual({ role: 'field_agent', display_name: 'Fajar Lapangan' });
    await screenshot(page, 'users');
  });

  it('uploads a file with a bad row, shows the rejection and nothing is written; allow-partial writes the good rows', async () => {
    // A fresh supervisor: a TOTP code is single-use, and the other supervisor signed in moments ago.
    const importer = await createUser(deps, { role: 'supervisor', username: 'ida.importer' });
    const page = await newPage();
    await signIn(page, importer);
    await page.locator('nav a', { hasText: 'Impor' }).click();
    await page.setInputFiles('input[name=file]', BAD_CSV_PATH);
    await page.click('button[type=submit]');
    await page.getByTestId('import-result').waitFor();
    expect(await page.getByTestId('import-status').textContent()).toBe('rejected');
    expect(await page.locator('[data-testid=import-rejected] dd').textContent()).toBe('1');
    expect(await page.locator('[data-testid=import-errors]').textContent()).toContain("unknown province 'Atlantis'");
    expect(await db.kysely.selectFrom('accounts').select('id').where('account_no', 'in', ['B-1', 'B-3']).execute()).toEqual([]);

    await page.check('input[name=allow_partial]');
    await page.click('button[type=submit]');
    await expect.poll(() => page.getByTestId('import-status').textContent()).toBe('succeeded');
    expect(await page.locator('[data-testid=import-inserted] dd').textContent()).toBe('2');
    const written = await db.kysely.selectFrom('accounts').select('account_no').where('account_no', 'in', ['B-1', 'B-3']).orderBy('account_no').execute();
    expect(written.map((r) => r.account_no)).toEqual(['B-1', 'B-3']);
    await screenshot(page, 'import');
  });
});
