/**
 * date-holidays loads only when a region or year lies outside the generated holiday table
 * (core/holiday-table.ts): within it, a whole command never loads the library (≈ 22 MB and 250 ms
 * at start-up). Checked in a Node process of its own, where nothing else has loaded it.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const time = pathToFileURL(fileURLToPath(new URL('./time.ts', import.meta.url))).href;
const script = `
import { createRequire } from 'node:module';
const { createTimeRules, parseDay } = await import(${JSON.stringify(time)});
const require = createRequire(import.meta.url);
const loaded = () => require.cache[require.resolve('date-holidays')] !== undefined;
const rules = createTimeRules();
const us = rules.calendar('US');
const out = {
  // Fri 2026-07-03, observed Independence Day; Tue 2026-01-06, Epiphany in Bavaria.
  within: [us.isBusinessDay(parseDay('2026-07-03')), rules.calendar('de-by').isBusinessDay(parseDay('2026-01-06'))],
  loadedWithin: loaded(),
  // Wed 2035-07-04, Independence Day: beyond the table's 2031, asked of the library.
  beyond: us.isBusinessDay(parseDay('2035-07-04')),
  loadedBeyond: loaded(),
};
process.stdout.write(JSON.stringify(out));
`;

describe('date-holidays, loaded when first needed', () => {
  it('is not loaded for the table\'s regions and years, and is for a year outside them', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({ within: [false, false], loadedWithin: false, beyond: false, loadedBeyond: true });
  }, 60_000);
});
