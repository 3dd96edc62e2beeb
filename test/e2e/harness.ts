/**
 * End-to-end harness: the real server on an ephemeral loopback port over a fresh in-memory PGlite,
 * with a clock the test sets, the built UI (dist/web), and Debian's Chromium driven by playwright-core.
 * Screenshots go to artifacts/screenshots (not committed).
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { assign, createAccount, createOrganisation, DEFAULT_POLICY, type AccountDeps, type AccountPolicy } from '../../src/app/accounts.js';
import { LOCAL_USER, type Account } from '../../src/app/ports.js';
import { saveProfile, type AppDeps } from '../../src/app/records.js';
import type { Deps } from '../../src/deps.js';
import { startServer, type RunningServer } from '../../src/server/serve.js';
import { TEST_SECRET, memoryDeps } from '../../src/server/testing.js';
import { defaultWebDir, loadWebAssets } from '../../src/server/web.js';

export const CHROMIUM = process.env['AFTERWORD_CHROMIUM'] ?? '/usr/bin/chromium';
export const ARTIFACTS = join(import.meta.dirname, '..', '..', 'artifacts', 'screenshots');
export const DESKTOP = { width: 1280, height: 900 } as const;
export const PHONE = { width: 390, height: 844 } as const;

/** A seeded account of a shared server, with the password to sign in with. */
export interface SeededAccount {
  readonly account: Account;
  readonly email: string;
  readonly password: string;
}

/** A shared server's seed: one organisation, an admin, a coach, and a job seeker the coach follows. */
export interface SeededAccounts {
  readonly organisationId: string;
  readonly admin: SeededAccount;
  readonly coach: SeededAccount;
  readonly seeker: SeededAccount;
  /** The account use cases' deps (cheap hashing), to make more accounts or invitations. */
  readonly deps: AccountDeps;
}

/** Hashing cheap enough for tests (the default costs about a second per password). */
export const E2E_POLICY: AccountPolicy = { ...DEFAULT_POLICY, scryptCost: 2 ** 10 };

export interface E2E {
  readonly deps: Deps;
  /** The use cases' deps for the local user (accounts mode: the seeded job seeker), to seed records directly. */
  readonly app: AppDeps;
  /** Accounts mode only: who is seeded. */
  readonly accounts?: SeededAccounts;
  readonly server: RunningServer;
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly page: Page;
  /** The server's origin, e.g. http://127.0.0.1:41234 */
  readonly origin: string;
  /** Moves the server's clock (an ISO instant with offset). */
  setNow(iso: string): void;
  /** Saves a full-page screenshot of the current page as artifacts/screenshots/<name>.png. */
  shot(name: string): Promise<string>;
  close(): Promise<void>;
}

export interface E2EOptions {
  /** The server's "now", an ISO instant with offset, e.g. "2026-03-03T14:00:00-05:00" (a Tuesday). */
  readonly now: string;
  readonly viewport?: { width: number; height: number };
  readonly colorScheme?: 'light' | 'dark';
  /** Records a profile (name, zone, region) before the browser opens; default: Jordan Lee in New York, US. */
  readonly profile?: false | { name: string; timeZone: string; region: string };
  /**
   * A shared server (`accounts: true`) seeded with an organisation, an admin, a coach and a job seeker
   * the coach follows; the profile is the job seeker's. The browser opens the sign-in page.
   */
  readonly accounts?: boolean;
}

async function seedAccounts(deps: Deps): Promise<SeededAccounts> {
  const accountDeps: AccountDeps = { accounts: deps.store.accounts, clock: deps.clock, policy: E2E_POLICY };
  const organisationId = 'city-careers';
  await createOrganisation(accountDeps, { id: organisationId, name: 'City Careers' });
  const make = async (name: string, email: string, role: Account['role']): Promise<SeededAccount> => {
    const password = `${role} correct horse battery`;
    return { account: await createAccount(accountDeps, { name, email, role, organisationId, password }), email, password };
  };
  const admin = await make('Alex Morgan', 'alex.morgan@example.org', 'admin');
  const coach = await make('Casey Brooks', 'casey.brooks@example.org', 'coach');
  const seeker = await make('Jordan Lee', 'jordan.lee@example.org', 'seeker');
  await assign(accountDeps, coach.account.id, seeker.account.id);
  return { organisationId, admin, coach, seeker, deps: accountDeps };
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: install it (apt-get install -y chromium) or set AFTERWORD_CHROMIUM`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/**
 * One Chromium per test worker: the files a worker runs share its module graph (vitest.config.ts,
 * isolate: false), so each file opens a context of its own in the same browser instead of starting
 * Chromium again (about 1.3 s on a busy 2-core machine). Contexts share no cookies or storage.
 */
let workerBrowser: Promise<Browser> | undefined;

function sharedBrowser(): Promise<Browser> {
  workerBrowser ??= launchChromium().then((browser) => {
    browser.on('disconnected', () => { workerBrowser = undefined; });
    return browser;
  }, (error: unknown) => {
    workerBrowser = undefined;
    throw error;
  });
  return workerBrowser;
}

export async function startE2E(options: E2EOptions): Promise<E2E> {
  const web = loadWebAssets(defaultWebDir());
  if (!web) throw new Error(`the web UI is not built (${defaultWebDir()} is missing): run "npm run build:web"`);
  let now = Date.parse(options.now);
  if (Number.isNaN(now)) throw new Error(`now: not an ISO instant: ${options.now}`);
  const base = await memoryDeps();
  const deps: Deps = { ...base, clock: { now: () => now } };
  const accounts = options.accounts ? await seedAccounts(deps) : undefined;
  const app: AppDeps = { store: deps.store, time: deps.time, clock: deps.clock, userId: accounts?.seeker.account.id ?? LOCAL_USER.id };
  if (options.profile !== false) {
    const p = options.profile ?? { name: 'Jordan Lee', timeZone: 'America/New_York', region: 'US' };
    await saveProfile(app, { timeZone: p.timeZone, region: p.region }, { name: p.name, email: 'jordan@example.com' });
  }
  // Accounts made later by the server (invitations, resets) hash at its default cost: serve.ts takes no policy.
  const server = await startServer(deps, { host: '127.0.0.1', port: 0, secret: TEST_SECRET, web, ...(accounts ? { accounts: true } : {}) });
  const browser = await sharedBrowser();
  const context = await browser.newContext({
    viewport: options.viewport ?? DESKTOP, colorScheme: options.colorScheme ?? 'light', timezoneId: 'America/New_York', locale: 'en-US',
  });
  const page = await context.newPage();
  const origin = `http://127.0.0.1:${server.port}`;
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // A shared server has no key: the browser opens its sign-in page.
  await page.goto(accounts ? `${origin}/` : server.url);
  return {
    deps, app, server, browser, context, page, origin, ...(accounts ? { accounts } : {}),
    setNow: (iso) => {
      const t = Date.parse(iso);
      if (Number.isNaN(t)) throw new Error(`setNow: not an ISO instant: ${iso}`);
      now = t;
    },
    shot: async (name) => {
      mkdirSync(ARTIFACTS, { recursive: true });
      const path = join(ARTIFACTS, `${name}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
    close: async () => {
      // Every context this file opened (its page's and any extra page's); the browser stays for the next file.
      for (const c of browser.contexts()) await c.close();
      await server.close();
      await deps.store.close();
      if (errors.length > 0) throw new Error(`the page threw: ${errors.join('; ')}`);
    },
  };
}

const AXE_OPTIONS = { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } };
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The serious and critical axe-core violations (WCAG 2.1 A/AA and best practices) on the page, one line each. */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  // A string, not a function: this module is also compiled without the DOM's types (bench/web).
  const result = await page.evaluate(`axe.run(document, ${JSON.stringify(AXE_OPTIONS)})`) as {
    violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
  };
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact ?? ''}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

/** What the two helpers below use of the page's window (this module compiles without the DOM's types; the page's CSP allows no code as text). */
interface InPage {
  scrollTo(x: number, y: number): void;
  readonly document: { querySelectorAll(selector: string): ArrayLike<{ readonly textContent: string | null }> };
}

/** A page in a browser context of its own (a second person in the same test), in New York's zone and US English; kept in `pages` to be closed. */
export async function extraPage(browser: Browser, pages: Page[], viewport: { width: number; height: number } = DESKTOP, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const context = await browser.newContext({ viewport, colorScheme, timezoneId: 'America/New_York', locale: 'en-US' });
  const page = await context.newPage();
  pages.push(page);
  return page;
}

/** A full-page screenshot as artifacts/screenshots/<name>.png, from the top: a scrolled page paints the sticky header mid-page. */
export async function shotFromTop(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.evaluate(() => (globalThis as unknown as InPage).scrollTo(0, 0));
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Opens the shared server at `origin` and signs in as `who` on its sign-in page. */
export async function signInAt(page: Page, origin: string, who: SeededAccount): Promise<void> {
  await page.goto(origin + '/');
  await settled(page, 'Sign in');
  await page.getByLabel('Email', { exact: true }).fill(who.email);
  await page.getByLabel('Password', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Waits until the page's heading is there and nothing says it is loading. */
export async function settled(page: Page, heading: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  await page.waitForFunction(() => !Array.from((globalThis as unknown as InPage).document.querySelectorAll('[role="status"]')).some((s) => s.textContent?.startsWith('Loading')), undefined, { timeout: 20_000 });
}

