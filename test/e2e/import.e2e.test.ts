/**
 * The journey "import a CSV" in real Chromium: a tracker's CSV uploaded in Settings, previewed (a dry
 * run: nothing written), then imported, and the applications in the pipeline; a CSV with a bad row
 * shows the row-numbered report and imports nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations, startE2E, type E2E } from './harness.js';

let e: E2E;

const TRACKER = [
  'Company,Position,Status,Date Applied,Contact,Notes',
  'Initech,Data Analyst,Applied,2026-02-10,Bill Lumbergh,Referred by Milton',
  'Hooli,Product Analyst,Interviewing,2026-02-14,Gavin Belson,Second round next week',
  'Pied Piper,Platform Engineer,Applied,2026-02-20,,',
].join('\n') + '\n';

const BAD = [
  'Company,Position,Status,Date Applied',
  'Globex,Analyst,Applied,2026-02-11',
  'Umbrella,Researcher,Applied,the day after tomorrow',
].join('\n') + '\n';

beforeAll(async () => {
  // Tue 3 Mar 2026, 14:00 in New York; no applications yet.
  e = await startE2E({ now: '2026-03-03T14:00:00-05:00' });
  await e.page.goto(e.origin + '/settings#files');
  await e.page.getByRole('heading', { name: 'Import from a job tracker' }).waitFor();
}, 120_000);

afterAll(async () => e.close());

async function companies(): Promise<string[]> {
  const pipeline = await e.page.evaluate(async () => (await fetch('/api/pipeline')).json() as Promise<{ applications: { company: string }[] }>);
  return pipeline.applications.map((a) => a.company).sort();
}

async function choose(name: string, text: string): Promise<void> {
  await e.page.getByLabel('Tracker file').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
  await e.page.getByRole('button', { name: 'Preview import' }).click();
}

describe('Import a CSV', () => {
  it('previews the rows it will create, writes nothing until asked, then imports them all', async () => {
    await choose('tracker.csv', TRACKER);
    const table = e.page.getByRole('table', { name: 'What the import will do with the first rows' });
    await table.waitFor();
    const rows = await table.locator('tbody tr').allTextContents();
    expect(rows).toEqual(['2InitechData AnalystActiveNew', '3HooliProduct AnalystActiveNew', '4Pied PiperPlatform EngineerActiveNew']);
    expect(await companies()).toEqual([]);
    await e.shot('import-preview');

    await e.page.getByRole('button', { name: 'Import 3 rows (3 new, 0 updated, 0 unchanged)' }).click();
    await e.page.getByText('Imported: 3 new, 0 updated, 0 unchanged.').waitFor();
    expect(await companies()).toEqual(['Hooli', 'Initech', 'Pied Piper']);

    await e.page.getByRole('link', { name: 'See them in the pipeline' }).click();
    await e.page.waitForURL(`${e.origin}/pipeline`);
  });

  it('shows a bad row\u2019s number and what is wrong at the preview, and imports nothing', async () => {
    await e.page.goto(e.origin + '/settings#files');
    // The preview reads the whole file as the import would: the bad row is reported before anything is written.
    await choose('bad.csv', BAD);
    const report = e.page.getByRole('alert').filter({ hasText: 'Nothing can be imported yet' });
    await report.waitFor();
    const problems = await report.getByRole('listitem').allTextContents();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^row 3: column "Date Applied": "the day after tomorrow" is not a date/);
    // The mapping and the rows that can be read are shown all the same; there is nothing to import.
    await e.page.getByRole('group', { name: 'How the columns are read' }).waitFor();
    expect(await e.page.getByRole('button', { name: /^Import \d/ }).count()).toBe(0);
    expect(await companies()).toEqual(['Hooli', 'Initech', 'Pied Piper']);
    await e.shot('import-error');
  });

  it('the same file again adds nothing: every row is already recorded as it is', async () => {
    await e.page.goto(e.origin + '/settings#files');
    await choose('tracker.csv', TRACKER);
    const table = e.page.getByRole('table', { name: 'What the import will do with the first rows' });
    await table.waitFor();
    expect(await table.locator('tbody tr td:last-child').allTextContents()).toEqual(['Already recorded as it is', 'Already recorded as it is', 'Already recorded as it is']);
    await e.page.getByRole('button', { name: 'Import 3 rows (0 new, 0 updated, 3 unchanged)' }).click();
    await e.page.getByText('Imported: 0 new, 0 updated, 3 unchanged.').waitFor();
    expect(await companies()).toEqual(['Hooli', 'Initech', 'Pied Piper']);
  });

  it('the mapping step reads Teal\'s "Job Position" as the role, and its "Applying" status maps', async () => {
    await e.page.goto(e.origin + '/settings#files');
    await choose('teal.csv', 'Company,Job Position,Status,Date Applied\nGlobex,Analytics Lead,Applying,2026-02-25\n');
    await e.page.getByRole('alert').filter({ hasText: 'Nothing can be imported yet' }).waitFor();
    const columns = e.page.getByRole('group', { name: 'How the columns are read' });
    await columns.getByLabel('Job Position').selectOption('role');
    const table = e.page.getByRole('table', { name: 'What the import will do with the first rows' });
    await table.waitFor();
    expect(await table.locator('tbody tr').allTextContents()).toEqual(['2GlobexAnalytics LeadActiveNew']);
    expect(await seriousViolations(e.page)).toEqual([]);
    await e.shot('import-mapping');
    await e.page.getByRole('button', { name: 'Import 1 row (1 new, 0 updated, 0 unchanged)' }).click();
    await e.page.getByText('Imported: 1 new, 0 updated, 0 unchanged.').waitFor();
    expect(await companies()).toEqual(['Globex', 'Hooli', 'Initech', 'Pied Piper']);
  });

  it('restores a backup only after the user confirms it replaces everything', async () => {
    const backup = await e.page.evaluate(async () => (await fetch('/api/backup')).text());
    await e.page.goto(e.origin + '/settings#files');
    await e.page.getByLabel('Backup file').setInputFiles({ name: 'afterword-backup.json', mimeType: 'application/json', buffer: Buffer.from(backup) });
    await e.page.getByRole('button', { name: 'Restore…' }).click();
    const dialog = e.page.getByRole('dialog', { name: 'Replace everything?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await dialog.isVisible()).toBe(false);

    await e.page.getByRole('button', { name: 'Restore…' }).click();
    await dialog.getByRole('button', { name: 'Replace with the backup' }).click();
    await e.page.getByText('Restored: 4 applications.').waitFor();
    expect(await companies()).toEqual(['Globex', 'Hooli', 'Initech', 'Pied Piper']);
  });
});
