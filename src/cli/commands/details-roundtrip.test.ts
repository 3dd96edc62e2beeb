/**
 * Every detail of random applications survives the ways out and back in (fast-check, real PGlite,
 * real exceljs): backup → restore → backup gives the same bytes and the same details; the XLSX
 * export holds each detail in its column (read back with exceljs), and importing that workbook gives
 * the details back unchanged.
 */
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backup, restore } from '../../app/backups.js';
import { importApplications, type ImportedApplication } from '../../app/exchange/import/index.js';
import { DETAIL_HEADERS, renderXlsx } from '../../app/exchange/spreadsheet.js';
import { BACKUP_FORMAT, BACKUP_VERSION, LOCAL_USER, type ApplicationRecord, type Store } from '../../app/ports.js';
import { saveProfile, type AppDeps } from '../../app/records.js';
import { WORKPLACE_WORDS } from '../../core/details.js';
import { SALARY_PERIODS, WORKPLACES, type Application, type Salary, type Scenario } from '../../core/model.js';
import { time } from '../../core/testing.js';
import { memoryDeps } from '../testing.js';


// ---------------------------------------------------------------- details as the records keep them

/** A word as people type them, accents, symbols and emoji included; never a comma (tags are split on them). */
const wordArb = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9äöüéñßø£€$&.()/:;!?"#%*+=@_東京-]{1,10}$/),
  fc.constantFrom('🌵', 'Zoë', 'Ω-team', '東京', 'Δ'),
);
/** One line as details keep it: words with single spaces (or ", "), not starting with an apostrophe. */
const lineArb = fc.array(fc.tuple(wordArb, fc.constantFrom(' ', ', ')), { minLength: 1, maxLength: 5 })
  .map((parts) => parts.map(([w, sep], i) => (i === 0 ? w : `${sep}${w}`)).join(''));
const tagArb = fc.array(wordArb, { minLength: 1, maxLength: 3 }).map((ws) => ws.join(' '));
/** Long text: lines and blank lines, trimmed at the ends. */
const longArb = fc.array(fc.oneof(lineArb, fc.constant(''), fc.constant('  • indented')), { minLength: 1, maxLength: 8 })
  .map((lines) => lines.join('\n').trim()).filter((t) => t !== '');
const amountArb = fc.integer({ min: 0, max: 100_000_000_000 }).map((cents) => cents / 100);

const salaryArb: fc.Arbitrary<Salary> = fc.record({
  text: lineArb, figures: fc.array(amountArb, { maxLength: 2 }).map((a) => [...a].sort((x, y) => x - y)),
  currency: fc.option(fc.constantFrom('USD', 'GBP', 'EUR', 'JPY', 'CHF'), { nil: undefined }),
  period: fc.option(fc.constantFrom(...SALARY_PERIODS), { nil: undefined }),
}).map(({ text, figures, currency, period }) => ({
  text,
  ...(figures[0] !== undefined ? { min: figures[0] } : {}),
  ...(figures[1] !== undefined ? { max: figures[1] } : {}),
  ...(currency !== undefined ? { currency } : {}),
  ...(period !== undefined ? { period } : {}),
}));

type Details = Pick<Application, 'postingUrl' | 'location' | 'workplace' | 'salary' | 'source' | 'sourceId' | 'description' | 'notes' | 'tags'>;

const detailsArb: fc.Arbitrary<Details> = fc.record({
  postingUrl: wordArb.map((w) => `https://jobs.example.com/${encodeURIComponent(w)}?ref=afterword`),
  location: lineArb, workplace: fc.constantFrom(...WORKPLACES), salary: salaryArb, source: lineArb,
  sourceId: wordArb.filter((w) => !/^[=+\-@]/.test(w)), description: longArb, notes: longArb,
  tags: fc.uniqueArray(tagArb, { minLength: 1, maxLength: 5, selector: (t) => t.toLowerCase() }),
}, { requiredKeys: [], noNullPrototype: true });

const appsArb = fc.array(detailsArb, { minLength: 1, maxLength: 6 }).map((list) => list.map((details, i): Application => ({
  id: `a${i + 1}`, company: `Company ${i + 1}`, role: 'Analyst', status: 'active', appliedOn: 20_679 + i, individualPanelNotes: false,
  ...details,
  people: [{ id: 'p1', name: 'Grace Okafor', role: 'recruiter', informal: false, verified: false, ...(i % 2 === 0 ? { notes: details.notes ?? 'Likes chess' } : {}) }],
  interviews: [], touches: [], protocol: {},
})));

/** The details of an application, in the model's key order (as the store reads them back). */
function detailsOf(app: Application): Details {
  const { postingUrl, location, workplace, salary, source, sourceId, description, notes, tags } = app;
  const out: Record<string, unknown> = { postingUrl, location, workplace, salary, source, sourceId, description, notes, tags };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined)) as Details;
}

// ---------------------------------------------------------------- the store

let store: Store;
let deps: AppDeps;
beforeAll(async () => {
  store = (await memoryDeps()).store;
  // Tue 2026-08-18 09:00 UTC.
  deps = { store, time, clock: { now: () => Date.UTC(2026, 7, 18, 9) }, userId: LOCAL_USER.id };
  await saveProfile(deps, { timeZone: 'Europe/London', region: 'GB-ENG' }, { name: 'Jordan Lee' });
}, 60_000);
afterAll(async () => { await store.close(); });

async function load(apps: readonly Application[]): Promise<void> {
  const profile = await store.getProfileRecords(LOCAL_USER.id);
  await store.importAll(LOCAL_USER.id, {
    format: BACKUP_FORMAT, version: BACKUP_VERSION,
    ...(profile.settings ? { settings: profile.settings } : {}), candidate: profile.candidate,
    applications: apps.map((application): ApplicationRecord => ({ application, redFlags: [] })),
  });
}

describe('the details round trip (fast-check)', () => {
  it('backup → restore → backup is byte-identical and keeps every detail', async () => {
    await fc.assert(fc.asyncProperty(appsArb, async (apps) => {
      await load(apps);
      const first = await backup(deps);
      await restore(deps, first);
      const second = await backup(deps);
      expect(second).toBe(first);
      const written = JSON.parse(first) as { applications: { application: Application }[] };
      expect(written.applications.map((r) => detailsOf(r.application))).toStrictEqual(apps.map(detailsOf));
      expect(written.applications.map((r) => r.application.people[0]?.notes)).toStrictEqual(apps.map((a) => a.people[0]?.notes));
    }), { numRuns: 25 });
  }, 120_000);

  it('the XLSX export holds every detail in its column (exceljs), and importing it gives them back', async () => {
    await fc.assert(fc.asyncProperty(appsArb, async (apps) => {
      const scenario: Scenario = {
        settings: { region: 'GB-ENG', timeZone: 'Europe/London', workday: { start: 540, end: 1020, days: [1, 2, 3, 4, 5] }, protocol: {} },
        candidate: { name: 'Jordan Lee', local: false, references: [] }, applications: apps,
      };
      const bytes = await renderXlsx(scenario, { time });
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
      const ws = workbook.getWorksheet('Applications');
      const headers = (ws?.getRow(1).values as unknown[]).slice(1);
      const col = (name: string): number => headers.indexOf(name) + 1;
      for (const name of DETAIL_HEADERS) expect(col(name), name).toBeGreaterThan(0);
      apps.forEach((app, i) => {
        const row = ws?.getRow(i + 2);
        const cell = (name: string): unknown => row?.getCell(col(name)).value ?? undefined;
        const neutral = (v: string | undefined): string | undefined => (v !== undefined && /^[=+\-@]/.test(v) ? `'${v}` : v);
        expect(cell('Job posting')).toBe(app.postingUrl);
        expect(cell('Location')).toBe(neutral(app.location));
        expect(cell('Workplace')).toBe(app.workplace === undefined ? undefined : WORKPLACE_WORDS[app.workplace]);
        expect(cell('Salary')).toBe(neutral(app.salary?.text));
        expect(cell('Salary min')).toBe(app.salary?.min);
        expect(cell('Salary max')).toBe(app.salary?.max);
        expect(cell('Salary currency')).toBe(app.salary?.currency);
        expect(cell('Salary per')).toBe(app.salary?.period);
        expect(cell('Source')).toBe(neutral(app.source));
        expect(cell('Source id')).toBe(app.sourceId);
        expect(cell('Tags')).toBe(neutral(app.tags?.join(', ')));
        expect(cell('Notes')).toBe(neutral(app.notes));
        expect(cell('Job description')).toBe(neutral(app.description));
      });
      const imported: ImportedApplication[] = [];
      for await (const batch of importApplications(bytes, { format: 'xlsx', region: 'GB-ENG' })) {
        expect(batch.errors).toEqual([]);
        imported.push(...batch.records);
      }
      expect(imported.map((r) => detailsOf(r.application))).toStrictEqual(apps.map(detailsOf));
    }), { numRuns: 40 });
  }, 120_000);
});
