/** The history workbook and CSVs read back with exceljs and csv-parse. */
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../core/model.js';
import { plan } from '../../core/rules/planner.js';
import { scenarioOf, time } from '../../core/testing.js';
import { parseInstant } from '../../core/time.js';
import { DETAIL_HEADERS, neutralise, renderCsv, renderXlsx } from './spreadsheet.js';

const scenario = scenarioOf({
  settings: { region: 'US', timeZone: 'America/New_York' },
  candidate: { name: 'Jordan Lee', references: [{ id: 'r1', name: 'Pat Kim', email: 'pat@example.com' }] },
  applications: [
    {
      id: 'a1', company: 'Acme Corp', role: 'Data Analyst', status: 'active', appliedOn: '2026-02-10', // Tue
      people: [
        { id: 'p1', name: 'Grace Okafor', honorific: 'Dr.', title: 'Head of Data', role: 'interviewer', email: 'g@acme.example', verified: true },
        { id: 'p2', name: 'Zoë Ñúñez', role: 'recruiter', phone: '+1 212 555 0100' },
      ],
      interviews: [{ id: 'i1', start: '2026-03-03T10:00:00-05:00', end: '2026-03-03T11:00:00-05:00', timeZone: 'America/New_York', stage: 'first_round', peopleIds: ['p1', 'p2'] }],
      touches: [
        { at: '2026-03-10T10:00:00-04:00', personId: 'p1', channel: 'email', kind: 'status_check', outcome: 'sent', text: '=HYPERLINK("http://evil.example","click")' }, // Tue
        { at: '2026-03-03T15:00:00-05:00', personId: 'p1', channel: 'email', kind: 'thank_you', outcome: 'sent', text: 'Dear Dr. Okafor,\nthank you — 谢谢.' }, // Tue
        { at: '2026-03-04T09:30:00-05:00', referenceId: 'r1', channel: 'phone', kind: 'reference_brief', outcome: 'no_answer' }, // Wed
      ],
    },
    {
      id: 'a2', company: '@Evil, "Quotes" Ltd', role: '-Role; with semicolon', status: 'no_response',
      people: [], interviews: [], touches: [
        { at: '2026-01-05T12:00:00+00:00', channel: 'letter', kind: 'update', outcome: 'reply_received', text: '+1 is not a formula' }, // Mon
      ],
    },
  ],
});

const now = parseInstant('2026-03-05T08:00:00-05:00', time.zone('UTC')); // Thu
if (now === null) throw new Error('bad now');
const thePlan = plan(scenario, { now, time });

async function load(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(buffer).buffer);
  return workbook;
}

const values = (ws: ExcelJS.Worksheet | undefined, row: number): unknown[] => {
  const r = ws?.getRow(row);
  return r ? Array.from({ length: ws?.columnCount ?? 0 }, (_, i) => r.getCell(i + 1).value ?? null) : [];
};

describe('renderXlsx', () => {
  it('has the three sheets with one row per touch, application and person, under a header row', async () => {
    const workbook = await load(await renderXlsx(scenario, { time, plan: thePlan }));
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Follow-ups', 'Applications', 'People']);
    expect(workbook.getWorksheet('Follow-ups')?.rowCount).toBe(1 + 4);
    expect(workbook.getWorksheet('Applications')?.rowCount).toBe(1 + 2);
    expect(workbook.getWorksheet('People')?.rowCount).toBe(1 + 2);
  });

  it('Follow-ups: chronological, real Excel dates in the candidate\u2019s zone, the words of PROTOCOL §1', async () => {
    const ws = (await load(await renderXlsx(scenario, { time }))).getWorksheet('Follow-ups');
    expect(values(ws, 1)).toEqual(['Date (your time, America/New_York)', 'Company', 'Role', 'Person', 'Channel', 'Kind', 'Outcome', 'Notes']);
    // Mon 2026-01-05 12:00 UTC is 07:00 in New York.
    expect(values(ws, 2)).toEqual([new Date(Date.UTC(2026, 0, 5, 7, 0)), "'@Evil, \"Quotes\" Ltd", "'-Role; with semicolon", null, 'letter', 'update', 'reply received', "'+1 is not a formula"]);
    expect(values(ws, 3)).toEqual([new Date(Date.UTC(2026, 2, 3, 15, 0)), 'Acme Corp', 'Data Analyst', 'Grace Okafor', 'email', 'thank-you', 'sent', 'Dear Dr. Okafor,\nthank you — 谢谢.']);
    expect(values(ws, 4)).toEqual([new Date(Date.UTC(2026, 2, 4, 9, 30)), 'Acme Corp', 'Data Analyst', 'Pat Kim', 'phone call', 'reference brief', 'no answer', null]);
    // Tue 2026-03-10 10:00 EDT, after the DST change.
    expect(values(ws, 5)).toEqual([new Date(Date.UTC(2026, 2, 10, 10, 0)), 'Acme Corp', 'Data Analyst', 'Grace Okafor', 'email', 'status check', 'sent', '\'=HYPERLINK("http://evil.example","click")']);
    expect(ws?.getCell('A2').numFmt).toBe('yyyy-mm-dd hh:mm');
    expect(ws?.getCell('H5').type).toBe(ExcelJS.ValueType.String);
  });

  it('Applications: status words, applied-on dates, and the next action with its date when a plan is given', async () => {
    const ws = (await load(await renderXlsx(scenario, { time, plan: thePlan }))).getWorksheet('Applications');
    // The details' columns come last (details-export.test.ts).
    expect(values(ws, 1).slice(0, 8)).toEqual(['Company', 'Role', 'Status', 'Applied on', 'Next action', 'Next action (your time, America/New_York)', 'Next action (recipient\u2019s time)', 'Recipient\u2019s time zone']);
    // The recruiter's thank-you never went out: overdue since Tue 2026-03-03 17:00, still the first thing to do.
    expect(values(ws, 2).slice(0, 8)).toEqual(['Acme Corp', 'Data Analyst', 'active', new Date(Date.UTC(2026, 1, 10)), 'Thank Zoë Ñúñez', new Date(Date.UTC(2026, 2, 3, 17, 0)), new Date(Date.UTC(2026, 2, 3, 17, 0)), 'New York (America/New_York)']);
    expect(values(ws, 3).slice(0, 8)).toEqual(["'@Evil, \"Quotes\" Ltd", "'-Role; with semicolon", 'no response', null, null, null, null, null]);
    const without = (await load(await renderXlsx(scenario, { time }))).getWorksheet('Applications');
    expect(without?.columnCount).toBe(4 + DETAIL_HEADERS.length);
  });

  it('People: one row per person with company, and verified as a real boolean', async () => {
    const ws = (await load(await renderXlsx(scenario, { time }))).getWorksheet('People');
    expect(values(ws, 1)).toEqual(['Company', 'Name', 'Honorific', 'Title', 'Role', 'Email', 'Phone', 'Verified', 'Notes']);
    expect(values(ws, 2)).toEqual(['Acme Corp', 'Grace Okafor', 'Dr.', 'Head of Data', 'interviewer', 'g@acme.example', null, true, null]);
    expect(values(ws, 3)).toEqual(['Acme Corp', 'Zoë Ñúñez', null, null, 'recruiter', null, "'+1 212 555 0100", false, null]);
  });

  it('text longer than an Excel cell holds is cut at 32,767 characters', async () => {
    const long = scenarioOf({
      settings: { region: 'US', timeZone: 'UTC' },
      applications: [{ id: 'a', company: 'C', role: 'R', touches: [{ at: '2026-03-02T09:00:00Z', kind: 'update', channel: 'email', text: 'x'.repeat(40_000) }] }], // Mon
    });
    const ws = (await load(await renderXlsx(long, { time }))).getWorksheet('Follow-ups');
    const notes = ws?.getCell('H2').value;
    expect(typeof notes === 'string' ? notes.length : 0).toBe(32_767);
  });
});

describe('renderCsv', () => {
  const read = (csv: string): string[][] => parse(csv, { bom: true, relax_column_count: false });

  it('follow-ups by default: BOM, CRLF, a header row and one row per touch; dates as YYYY-MM-DD HH:MM', () => {
    const csv = renderCsv(scenario, { time });
    expect(csv.startsWith('\uFEFF"Date (your time, America/New_York)",Company,')).toBe(true);
    expect(csv.split('\r\n').length).toBeGreaterThan(5);
    const rows = read(csv);
    expect(rows).toHaveLength(5);
    expect(rows[1]).toEqual(['2026-01-05 07:00', "'@Evil, \"Quotes\" Ltd", "'-Role; with semicolon", '', 'letter', 'update', 'reply received', "'+1 is not a formula"]);
    expect(rows[2]?.[7]).toBe('Dear Dr. Okafor,\nthank you — 谢谢.');
    expect(rows[4]?.[7]).toBe('\'=HYPERLINK("http://evil.example","click")');
  });

  it('applications and people on request; no BOM when asked', () => {
    const apps = read(renderCsv(scenario, { time, plan: thePlan, sheet: 'applications', bom: false })).map((r) => r.slice(0, 8));
    expect(apps).toEqual([
      ['Company', 'Role', 'Status', 'Applied on', 'Next action', 'Next action (your time, America/New_York)', 'Next action (recipient\u2019s time)', 'Recipient\u2019s time zone'],
      ['Acme Corp', 'Data Analyst', 'active', '2026-02-10', 'Thank Zoë Ñúñez', '2026-03-03 17:00', '2026-03-03 17:00', 'New York (America/New_York)'],
      ["'@Evil, \"Quotes\" Ltd", "'-Role; with semicolon", 'no response', '', '', '', '', ''],
    ]);
    const people = read(renderCsv(scenario, { time, sheet: 'people' }));
    expect(people.map((r) => r[7])).toEqual(['Verified', 'yes', 'no']);
    expect(renderCsv(scenario, { time, sheet: 'people', bom: false }).startsWith('Company,')).toBe(true);
  });

  it('neutralise: = + - @ tab and CR at the start get an apostrophe; other text is untouched', () => {
    expect(['=1+1', '+1', '-2', '@SUM(A1)', '\t=1', '\r=1', 'plain', ' =1', "'=1"].map(neutralise))
      .toEqual(["'=1+1", "'+1", "'-2", "'@SUM(A1)", "'\t=1", "'\r=1", 'plain', ' =1', "'=1"]);
  });
});

describe('a London interviewer for a Chicago user: one column per zone', () => {
  const londonInput = (touches: unknown[]): Scenario => scenarioOf({
    settings: { region: 'US-IL', timeZone: 'America/Chicago' },
    candidate: { name: 'Jordan Lee' },
    applications: [{
      id: 'a1', company: 'Thames Ltd', role: 'Analyst', status: 'active',
      people: [{ id: 'p1', name: 'Alice Brown', role: 'interviewer', email: 'a@thames.example', timeZone: 'Europe/London', region: 'GB-ENG' }],
      // Tue 2026-03-03 10:00 London (GMT) = 04:00 Chicago (CST).
      interviews: [{ id: 'i1', start: '2026-03-03T10:00:00+00:00', end: '2026-03-03T11:00:00+00:00', timeZone: 'Europe/London', stage: 'first_round', peopleIds: ['p1'] }],
      touches,
    }],
  });
  const london = londonInput([]);
  // Wed 2026-03-04 08:00 Chicago: the thank-you (ideal Tue 17:00 London) is past; the check-in is next.
  const later = parseInstant('2026-03-04T08:00:00-06:00', time.zone('UTC'));
  if (later === null) throw new Error('bad now');
  const londonPlan = plan(london, { now: later, time });
  const headers = ['Company', 'Role', 'Status', 'Applied on', 'Next action', 'Next action (your time, America/Chicago)', 'Next action (recipient\u2019s time)', 'Recipient\u2019s time zone'];

  it('CSV: the thank-you at 11:00 Chicago and 17:00 London (Tue 2026-03-03), London named', () => {
    const rows = (parse(renderCsv(london, { time, plan: londonPlan, sheet: 'applications' }), { bom: true }) as string[][]).map((r) => r.slice(0, 8));
    expect(rows).toEqual([headers, ['Thames Ltd', 'Analyst', 'active', '', 'Thank Alice Brown', '2026-03-03 11:00', '2026-03-03 17:00', 'London (Europe/London)']]);
  });

  it('XLSX: both are real dates formatted as date-times', async () => {
    const ws = (await load(await renderXlsx(london, { time, plan: londonPlan }))).getWorksheet('Applications');
    expect(values(ws, 1).slice(0, 8)).toEqual(headers);
    expect(values(ws, 2).slice(0, 8)).toEqual(['Thames Ltd', 'Analyst', 'active', null, 'Thank Alice Brown', new Date(Date.UTC(2026, 2, 3, 11, 0)), new Date(Date.UTC(2026, 2, 3, 17, 0)), 'London (Europe/London)']);
    expect(ws?.getCell('F2').numFmt).toBe('yyyy-mm-dd hh:mm');
    expect(ws?.getCell('G2').numFmt).toBe('yyyy-mm-dd hh:mm');
    expect(ws?.getCell('G2').type).toBe(ExcelJS.ValueType.Date);
  });

  it('once the thank-you is sent, the check-in: 09:00 London is 04:00 Chicago on Tue 2026-03-10 (summer time in Chicago only)', () => {
    const sent = londonInput([{ at: '2026-03-03T16:00:00+00:00', personId: 'p1', channel: 'email', kind: 'thank_you', outcome: 'sent' }]); // Tue
    const rows = parse(renderCsv(sent, { time, plan: plan(sent, { now: later, time }), sheet: 'applications' }), { bom: true }) as string[][];
    expect(rows[1]?.slice(4, 8)).toEqual(['Check in with Alice Brown', '2026-03-10 04:00', '2026-03-10 09:00', 'London (Europe/London)']);
  });
});
