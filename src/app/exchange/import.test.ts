/** Importing applications from CSV and XLSX: mapping, statuses, dates, batches, hostile files, fuzzing. */
import { readFileSync } from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scenarioOf, time } from '../../core/testing.js';
import { dayOf } from '../../core/time.js';
import {
  formatImportError, importApplications, normaliseHeader, parseColumnMap, parseDateText, previewImport,
  type ImportBatch, type ImportError, type ImportInput, type ImportOptions, type ImportedApplication,
} from './import/index.js';
import { renderCsv, renderXlsx } from './spreadsheet.js';

const FIXTURES = new URL('../../../test/fixtures/exchange/', import.meta.url);

function ids(): () => string {
  let n = 0;
  return () => `id${++n}`;
}

async function collect(input: ImportInput, options: ImportOptions = {}): Promise<{ records: ImportedApplication[]; errors: ImportError[]; batches: ImportBatch[] }> {
  const records: ImportedApplication[] = [];
  const errors: ImportError[] = [];
  const batches: ImportBatch[] = [];
  for await (const batch of importApplications(input, { newId: ids(), ...options })) {
    batches.push(batch);
    records.push(...batch.records);
    errors.push(...batch.errors);
  }
  return { records, errors, batches };
}

const messages = (errors: readonly ImportError[]) => errors.map(formatImportError);

describe('header mapping', () => {
  it.each([
    ['Company', 'company'], ['Company Name', 'company'], ['ORGANISATION', 'company'], ['organization', 'company'], ['Employer', 'company'],
    ['Position', 'role'], ['Title', 'role'], ['Role', 'role'], ['Job Title', 'role'], ['job_title', 'role'],
    ['Status', 'status'], ['Stage', 'status'],
    ['Date Applied', 'appliedOn'], ['date-applied', 'appliedOn'], ['Applied', 'appliedOn'], ['Applied on', 'appliedOn'], ['Date', 'appliedOn'],
    ['Contact', 'contact'], ['Contact Name', 'contact'], ['Recruiter', 'contact'],
    ['Contact Email', 'contactEmail'], ['Contact E-mail', 'contactEmail'],
    ['Notes', 'notes'], ['URL', 'url'], ['Link', 'url'], ['Salary', 'salary'],
    ['Date (America/New_York)', 'appliedOn'], ['  Émployer  ', 'company'],
  ])('"%s" → %s', async (header, field) => {
    const { info } = await previewImport(`${header}\n`, 0);
    expect(info.columns[0]).toEqual({ header: header.trim(), field });
  });

  it('normalises case, spaces, punctuation, accents and "(…)" notes', () => {
    expect(['Date Applied', 'date_applied', 'DATE-APPLIED', ' Date  applied ', 'Daté (UTC) Applied'].map(normaliseHeader))
      .toEqual(['dateapplied', 'dateapplied', 'dateapplied', 'dateapplied', 'dateapplied']);
  });

  it('when two columns claim a field the more specific one wins, and the other is shown as unused', async () => {
    const { info } = await previewImport('Title,Company,Job Title,Date,Date applied,Website\n', 0);
    expect(info.columns).toEqual([
      { header: 'Title', field: null, note: 'another column is used for the role (Role, Position, Title, Job title)' },
      { header: 'Company', field: 'company' },
      { header: 'Job Title', field: 'role' },
      { header: 'Date', field: null, note: 'another column is used for date applied' },
      { header: 'Date applied', field: 'appliedOn' },
      { header: 'Website', field: 'url' },
    ]);
  });

  it('without a company or role column the file is refused, naming what it found', async () => {
    const { records, errors } = await collect('Name,Email\nAda,ada@example.com\n');
    expect(records).toEqual([]);
    expect(messages(errors)).toEqual([
      'row 1: no column for the company (Company, Organisation, Employer) or the role (Role, Position, Title, Job title); the header row has: "Name", "Email". Map a column to it, e.g. "Name=company"',
    ]);
  });

  it('our own Follow-ups sheet is recognised and refused with a pointer to the right file', async () => {
    const { errors } = await collect('Date (UTC),Company,Role,Person,Channel,Kind,Outcome,Notes\n2026-03-03 10:00,A,B,,email,thank-you,sent,\n');
    expect(messages(errors)).toEqual(['row 1: this is Afterword\u2019s Follow-ups sheet (one row per contact): import the Applications sheet, or restore a backup']);
  });
});

describe('records', () => {
  it('a tracker CSV: company, role, status, date, contact with email, notes, link and salary (its figures read when plainly written)', async () => {
    const csv = 'Company,Position,Status,Date applied,Recruiter,Contact email,Notes,URL,Salary\r\n'
      + 'Acme Corp,Data Analyst,Interviewing,2026-03-03,Grace Okafor,g@acme.example,"Met the team, liked it\nSecond line",jobs.acme.example/1,"$90,000"\r\n';
    const { records, errors } = await collect(csv);
    expect(errors).toEqual([]);
    expect(records).toEqual([{
      row: 2,
      application: {
        id: 'id1', company: 'Acme Corp', role: 'Data Analyst', status: 'active', appliedOn: dayOf(2026, 3, 3), // Tue
        individualPanelNotes: false, interviews: [], touches: [], protocol: {},
        people: [{ id: 'id2', name: 'Grace Okafor', role: 'recruiter', email: 'g@acme.example', informal: false, verified: false }],
        notes: 'Met the team, liked it\nSecond line',
        postingUrl: 'https://jobs.acme.example/1',
        salary: { text: '$90,000', min: 90_000, max: 90_000, currency: 'USD' },
      },
      statusGiven: true,
    }]);
  });

  it.each([
    ['Applied', 'active'], ['interviewing', 'active'], ['Phone screen', 'active'], ['Wishlist', 'active'], ['', 'active'],
    ['Offer', 'offer'], ['Offer received', 'offer'], ['Accepted', 'accepted'], ['Hired', 'accepted'], ['Declined', 'declined'],
    ['Rejected', 'rejected'], ['Not selected', 'rejected'], ['Ghosted', 'no_response'], ['No response', 'no_response'],
    ['Withdrawn', 'withdrawn'], ['Filled', 'filled'], ['Position filled', 'filled'],
  ])('status "%s" → %s', async (word, status) => {
    const { records, errors } = await collect(`Company,Role,Status\nA,B,${word}\n`);
    expect(errors).toEqual([]);
    expect(records[0]?.application.status).toBe(status);
  });

  it('an unknown status is an error on its rows, and the words that work are listed once', async () => {
    const { errors } = await collect('Company,Role,Status\nA,B,Maybe later\nC,D,Maybe later\nE,F,Pondering\n');
    expect(messages(errors)).toEqual([
      'row 2, column "Status": "Maybe later" is not a status Afterword knows',
      'row 3, column "Status": "Maybe later" is not a status Afterword knows',
      'row 4, column "Status": "Pondering" is not a status Afterword knows',
      'statuses not known: "Maybe later", "Pondering"; write one of applied, interviewing, offer, accepted, declined, rejected, withdrawn, ghosted (no response), filled (the words of Huntr, Teal, JobSync and Simplify are read too)',
    ]);
  });

  // Every status the exports of Huntr, Teal, JobSync and Simplify write (docs/cli.md has the table).
  it.each([
    // Huntr
    ['Wishlist', 'active'], ['Applied', 'active'], ['Interview', 'active'], ['Offer', 'offer'], ['Rejected', 'rejected'],
    ['Accepted', 'accepted'], ['Declined', 'declined'],
    // Teal
    ['Bookmarked', 'active'], ['Applying', 'active'], ['Interviewing', 'active'], ['Negotiating', 'offer'], ['I Withdrew', 'withdrawn'],
    ['Not Selected', 'rejected'], ['No Response 🔇', 'no_response'], ['Archived', 'withdrawn'],
    // JobSync
    ['Draft', 'active'], ['Expired', 'filled'],
    // Simplify
    ['Saved', 'active'], ['Screen', 'active'], ['Withdrawn', 'withdrawn'], ['Ghosted', 'no_response'],
  ])('tracker status "%s" → %s', async (word, status) => {
    const { records, errors } = await collect(`Company,Role,Status\nA,B,${word}\n`);
    expect(errors).toEqual([]);
    expect(records[0]?.application.status).toBe(status);
  });

  it('a "Remote" column of yes/no: yes is remote, no leaves the workplace unsaid; words are read as words', async () => {
    const { records, errors } = await collect('Company,Role,Remote\nA,B,Yes\nC,D,no\nE,F,Hybrid\n');
    expect(errors).toEqual([]);
    expect(records.map((r) => r.application.workplace)).toEqual(['remote', undefined, 'hybrid']);
  });

  it('--map names a column by hand (Teal\'s "Job Position"), or leaves one out; a mapped header the file lacks is named', async () => {
    const csv = 'Company,Job Position,Status,Internal ref\nAcme,Analyst,Applying,x-1\n';
    const plain = await collect(csv);
    expect(messages(plain.errors)[0]).toContain('no column for the role (Role, Position, Title, Job title); the header row has: "Company", "Job Position", "Status", "Internal ref". Map a column to it, e.g. "Job Position=role"');
    const mapped = await collect(csv, { map: parseColumnMap(['Job Position=role', 'internal ref=skip']) });
    expect(mapped.errors).toEqual([]);
    expect(mapped.records[0]?.application).toMatchObject({ company: 'Acme', role: 'Analyst', status: 'active' });
    expect(mapped.batches.at(-1)?.info.columns).toEqual([
      { header: 'Company', field: 'company' }, { header: 'Job Position', field: 'role' }, { header: 'Status', field: 'status' },
      { header: 'Internal ref', field: null, note: 'left out (--map)' },
    ]);
    const wrong = await collect(csv, { map: parseColumnMap(['Position title=role']) });
    expect(messages(wrong.errors)[0]).toContain('the column map names "Position title", which the header row does not have');
    expect(() => parseColumnMap(['Job Position'])).toThrow('--map: "Job Position" is not COLUMN=FIELD; write e.g. --map "Job Position=role"');
    expect(() => parseColumnMap(['Job Position=job'])).not.toThrow();
    expect(() => parseColumnMap(['Job Position=wage'])).toThrow('--map: "wage" is not a field Afterword imports');
  });

  it('every problem of a row is reported with its row and column; good rows still come through', async () => {
    const csv = [
      'Company,Role,Date applied,Contact email,URL',
      'Acme,Analyst,2026-03-03,,',
      ',Analyst,,,',
      'Beta,,,not-an-email,javascript:alert(1)',
      'Gamma,Dev,31/02/2026,,',
      'Delta,Dev,,,,unexpected,cells',
      'Eps\u0007ilon,Dev,,,',
    ].join('\n');
    const { records, errors } = await collect(csv);
    expect(records.map((r) => [r.row, r.application.company])).toEqual([[2, 'Acme']]);
    expect(messages(errors)).toEqual([
      'row 3, column "Company": is empty; every application needs a company',
      'row 4, column "Role": is empty; every application needs a role (the post applied for)',
      'row 4, column "Contact email": "not-an-email" is not an email address; write it as name@example.com',
      'row 4, column "URL": "javascript:alert(1)" is not a web address; give the posting\'s link starting with https:// or http://',
      'row 5, column "Date applied": "31/02/2026" is not a date; write YYYY-MM-DD or DD/MM/YYYY',
      'row 6: 7 cells but the header has 5; check the delimiter (,) and quotes',
      'row 7, column "Company": contains a control character (U+0007); remove it',
    ]);
  });

  it('a cell over 10,000 characters is an error, not a truncation', async () => {
    const { errors } = await collect(`Company,Role\n${'A'.repeat(10_001)},Dev\n`);
    expect(messages(errors)).toEqual(['row 2, column "Company": is 10,001 characters long; at most 10,000 fit']);
  });
});

describe('dates', () => {
  it.each([
    ['2026-03-03', undefined, [2026, 3, 3]], // Tue
    ['2026/3/3', undefined, [2026, 3, 3]],
    ['2026-03-03T14:30:00Z', undefined, [2026, 3, 3]],
    ['25/03/2026', undefined, [2026, 3, 25]], // Wed: unambiguous day first
    ['03/25/2026', undefined, [2026, 3, 25]], // Wed: unambiguous month first
    ['04/04/2026', undefined, [2026, 4, 4]], // Sat: same either way
    ['03/04/2026', 'dmy', [2026, 4, 3]], // Fri
    ['03/04/2026', 'mdy', [2026, 3, 4]], // Wed
    ['3.4.2026', 'dmy', [2026, 4, 3]], // Fri
    ['29/02/2028', 'dmy', [2028, 2, 29]], // Tue, leap year
    ['3 March 2026', undefined, [2026, 3, 3]], // Tue
    ['Mar 3, 2026', undefined, [2026, 3, 3]], // Tue
    ['September 30th, 2026', undefined, [2026, 9, 30]], // Wed
    ['1-Sept-2026', undefined, [2026, 9, 1]], // Tue
  ] as const)('"%s" (%s) → %j', (text, order, [y, m, d]) => {
    expect(parseDateText(text, order)).toEqual({ ok: true, day: dayOf(y, m, d) });
  });

  it.each([
    ['03/04/2026', undefined, '"03/04/2026" could be 3 April or March 4; write YYYY-MM-DD, or set the date order (day first or month first, e.g. from your region)'],
    ['31/02/2026', 'dmy', '"31/02/2026" is not a date; write YYYY-MM-DD or DD/MM/YYYY'],
    ['31/02/2026', undefined, '"31/02/2026" is not a date; write YYYY-MM-DD or DD/MM/YYYY'],
    ['2026-02-29', undefined, '"2026-02-29" is not a date; write YYYY-MM-DD or DD/MM/YYYY'],
    ['25/03/2026', 'mdy', '"25/03/2026" is not a date read month first; write YYYY-MM-DD or MM/DD/YYYY, or import with the date order set to day first (DD/MM/YYYY)'],
    ['03/25/2026', 'dmy', '"03/25/2026" is not a date read day first; write YYYY-MM-DD or DD/MM/YYYY, or import with the date order set to month first (MM/DD/YYYY)'],
    ['next Tuesday', 'mdy', '"next Tuesday" is not a date; write YYYY-MM-DD or MM/DD/YYYY'],
    ['03/04/26', 'dmy', '"03/04/26" is not a date; write YYYY-MM-DD or DD/MM/YYYY'],
    ['3 Smarch 2026', undefined, '"3 Smarch 2026" is not a date; write YYYY-MM-DD or DD/MM/YYYY'],
  ] as const)('"%s" (%s) → %s', (text, order, message) => {
    expect(parseDateText(text, order)).toEqual({ ok: false, message });
  });

  it('the order comes from the option, else the region (US month first, GB day first), else none', async () => {
    const csv = 'Company,Role,Applied\nA,B,03/04/2026\n';
    const day = async (options: ImportOptions) => (await collect(csv, options)).records[0]?.application.appliedOn;
    expect(await day({ region: 'US' })).toBe(dayOf(2026, 3, 4)); // Wed
    expect(await day({ region: 'GB-ENG' })).toBe(dayOf(2026, 4, 3)); // Fri
    expect(await day({ region: 'US', dateOrder: 'dmy' })).toBe(dayOf(2026, 4, 3)); // Fri
    const none = await collect(csv);
    expect(messages(none.errors)).toEqual([
      'row 2, column "Applied": "03/04/2026" could be 3 April or March 4; write YYYY-MM-DD, or set the date order (day first or month first, e.g. from your region)',
    ]);
    expect((await previewImport(csv, 1, { region: 'US' })).info).toMatchObject({ dateOrder: 'mdy', dateOrderSource: 'region' });
  });
});

describe('formats and encodings', () => {
  it('the fixture: BOM, "sep=;", semicolons, CRLF, a multi-line cell, a blank row, accents', async () => {
    const bytes = readFileSync(new URL('tracker-semicolon-bom.csv', FIXTURES));
    const { records, errors, batches } = await collect(bytes, { dateOrder: 'dmy' });
    expect(errors).toEqual([]);
    expect(batches.at(-1)?.info).toMatchObject({ format: 'csv', encoding: 'utf-8', delimiter: ';', headerRow: 2 });
    expect(records.map((r) => [r.row, r.application.company, r.application.role, r.application.status, r.application.appliedOn])).toEqual([
      [3, 'Zoë & Ñúñez GmbH', 'Dateningenieurin', 'active', dayOf(2026, 3, 3)], // Tue
      [4, 'Acme Corp', 'Data Analyst', 'no_response', dayOf(2026, 2, 14)], // Sat
      [6, 'Globex', 'Product Manager', 'offer', dayOf(2026, 1, 20)], // Tue
    ]);
    expect(records[0]?.application.people).toEqual([{ id: 'id2', name: 'Zoë Ñúñez', role: 'recruiter', email: 'zoe@nunez.example', informal: false, verified: false }]);
    expect(records[0]?.application.notes).toBe('Erstes Gespräch; sehr gut\nZweite Runde am Freitag');
    expect(records[0]?.application.salary).toEqual({ text: '60.000 €' });
    expect(records[2]?.application.notes).toBe('=HYPERLINK("http://evil.example")');
  });

  it('title rows above the header are skipped and do not decide the delimiter', async () => {
    const csv = 'My job hunt, spring 2026\n\nEmployer;Position;Status\nAcme, Inc.;Analyst;Applied\n';
    const { records, errors, batches } = await collect(csv);
    expect(errors).toEqual([]);
    expect(batches.at(-1)?.info).toMatchObject({ delimiter: ';', headerRow: 3 });
    expect(records.map((r) => [r.row, r.application.company])).toEqual([[4, 'Acme, Inc.']]);
  });

  it('a file whose first twenty rows hold no header fails on its first row', async () => {
    const { errors } = await collect(`Name,Notes\n${'Ada,hello\n'.repeat(25)}`);
    expect(messages(errors)).toEqual([
      'row 1: no column for the company (Company, Organisation, Employer) or the role (Role, Position, Title, Job title); the header row has: "Name", "Notes". Map a column to it, e.g. "Name=company"',
    ]);
  });

  it('tab-separated UTF-16LE with a BOM (Excel\u2019s "Unicode text")', async () => {
    const text = '\uFEFFCompany\tRole\tStatus\r\nZoë Ñúñez SL\tIngeniera\tRejected\r\n';
    const { records, batches } = await collect(Buffer.from(text, 'utf16le'));
    expect(batches.at(-1)?.info).toMatchObject({ encoding: 'utf-16le', delimiter: '\t' });
    expect(records.map((r) => [r.application.company, r.application.role, r.application.status])).toEqual([['Zoë Ñúñez SL', 'Ingeniera', 'rejected']]);
  });

  it('Windows-1252 (Excel\u2019s plain "CSV") is recognised and decoded', async () => {
    const { records, batches } = await collect(Buffer.from('Company,Role\nCafé Müller,Barista\n', 'latin1'));
    expect(batches.at(-1)?.info.encoding).toBe('windows-1252');
    expect(records[0]?.application.company).toBe('Café Müller');
  });

  it('UTF-8 that breaks after the first 64 KiB stops with a clear error', async () => {
    const good = `Company,Role\n${'Acme,Dev\n'.repeat(10_000)}`;
    const bytes = Buffer.concat([Buffer.from(good), Buffer.from([0x41, 0xff, 0x2c, 0x42, 0x0a])]);
    const { records, errors } = await collect(bytes);
    expect(records.length).toBeGreaterThan(0);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toMatch(/^the file is not valid UTF-8 text near byte [\d,]+; save it as "CSV UTF-8" and import it again$/);
    expect(errors[0]?.fatal).toBe(true);
  });

  it('our own exports import back: Applications CSV and the workbook (its Applications sheet)', async () => {
    const scenario = scenarioOf({
      settings: { region: 'US', timeZone: 'America/New_York' },
      applications: [
        { id: 'a1', company: 'Acme Corp', role: 'Data Analyst', status: 'active', appliedOn: '2026-02-10' }, // Tue
        { id: 'a2', company: '@Evil, "Quotes" Ltd', role: '=Role', status: 'no_response' },
        { id: 'a3', company: 'Zoë Ñúñez SL', role: 'Ingeniera', status: 'declined', appliedOn: '2026-01-05' }, // Mon
      ],
    });
    const expected = [
      ['Acme Corp', 'Data Analyst', 'active', dayOf(2026, 2, 10)],
      ['@Evil, "Quotes" Ltd', '=Role', 'no_response', undefined],
      ['Zoë Ñúñez SL', 'Ingeniera', 'declined', dayOf(2026, 1, 5)],
    ];
    const summary = (records: readonly ImportedApplication[]) => records.map((r) => [r.application.company, r.application.role, r.application.status, r.application.appliedOn]);
    const csv = await collect(renderCsv(scenario, { time, sheet: 'applications' }));
    expect(csv.errors).toEqual([]);
    expect(summary(csv.records)).toEqual(expected);
    const xlsx = await collect(await renderXlsx(scenario, { time }));
    expect(xlsx.errors).toEqual([]);
    expect(xlsx.batches.at(-1)?.info).toMatchObject({ format: 'xlsx', sheet: 'Applications' });
    expect(summary(xlsx.records)).toEqual(expected);
  });

  it('a tracker workbook: title rows skipped, real date cells, serial numbers, links, rich text and formulas; rows numbered as in the sheet', async () => {
    const workbook = new ExcelJS.Workbook();
    const ws = workbook.addWorksheet('My jobs');
    ws.addRow(['Tracker export']);
    ws.addRow([]);
    ws.addRow(['Employer', 'Job title', 'Stage', 'Date applied', 'Link']);
    ws.addRow(['Acme', 'Analyst', 'Applied', new Date(Date.UTC(2026, 2, 3)), { text: 'posting', hyperlink: 'https://acme.example/jobs/1' }]); // Tue
    ws.addRow([{ richText: [{ text: 'Glo' }, { font: { bold: true }, text: 'bex' }] }, 'PM', { formula: 'UPPER("offer")', result: 'OFFER' }, 46_085, null]); // Wed 2026-03-04
    ws.addRow(['Initech', 'Dev', 'Applied', 'not a date', null]);
    const { records, errors, batches } = await collect(Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(batches.at(-1)?.info).toMatchObject({ format: 'xlsx', sheet: 'My jobs', headerRow: 3 });
    expect(records.map((r) => [r.row, r.application.company, r.application.status, r.application.appliedOn, r.application.postingUrl])).toEqual([
      [4, 'Acme', 'active', dayOf(2026, 3, 3), 'https://acme.example/jobs/1'],
      [5, 'Globex', 'offer', dayOf(2026, 3, 4), undefined],
    ]);
    expect(messages(errors)).toEqual(['row 6, column "Date applied": "not a date" is not a date; write YYYY-MM-DD or DD/MM/YYYY']);
  });

  it('a named sheet is used, and a missing one is an error naming the sheets there are', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Notes').addRow(['nothing here']);
    const jobs = workbook.addWorksheet('Jobs');
    jobs.addRow(['Company', 'Role']);
    jobs.addRow(['Acme', 'Dev']);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    expect((await collect(buffer, { sheet: 'Jobs' })).records.map((r) => r.application.company)).toEqual(['Acme']);
    expect(messages((await collect(buffer, { sheet: 'Missing' })).errors)).toEqual(['the workbook has no sheet "Missing" (sheets: "Notes", "Jobs")']);
  });
});

describe('hostile files', () => {
  const only = async (input: ImportInput, options: ImportOptions = {}) => {
    const { records, errors } = await collect(input, options);
    expect(records).toEqual([]);
    return messages(errors);
  };

  it.each([
    ['an empty file', '', 'the file is empty: export your applications with a header row (Company, Role, Status, Date applied…)'],
    ['only a BOM and blank lines', '\uFEFF\r\n\r\n  \r\n', 'the file is empty: export your applications with a header row (Company, Role, Status, Date applied…)'],
    ['headers only', 'Company,Role,Status\r\n', 'the file has a header row but no applications under it'],
    ['binary garbage', Buffer.from([0x13, 0x00, 0x8f, 0xff, 0x00, 0x42, 0x07, 0x01]), 'this is not a text file (it contains NUL bytes): export your tracker as CSV (UTF-8) or XLSX'],
    ['control characters', Buffer.from(Array.from({ length: 400 }, (_, i) => (i * 7) % 32)), 'this is not a text file (it contains NUL bytes): export your tracker as CSV (UTF-8) or XLSX'],
    ['noise without NULs', Buffer.from(Array.from({ length: 400 }, (_, i) => 1 + ((i * 13) % 31))), 'this is not a text file (too many control characters): export your tracker as CSV (UTF-8) or XLSX'],
    ['an old .xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0x41]), 'this is an old Excel .xls (or other Office 97) file: save it as .xlsx or CSV and import that'],
    ['a PDF', '%PDF-1.7\n%âãÏÓ\n', 'this is a PDF, not a spreadsheet: export your tracker as CSV or XLSX'],
    ['a broken zip', Buffer.from('PK\u0003\u0004 definitely not a workbook'), 'this is not a readable XLSX workbook (the zip or its sheets are damaged): open it in your spreadsheet and save it again, or export CSV'],
  ])('%s', async (_what, input, message) => {
    expect((await only(input)).at(-1)).toBe(message);
  });

  it('an unclosed quote stops reading at the row it opens on; rows before it still come through', async () => {
    const { records, errors } = await collect('Company,Role\nAcme,Dev\nBeta,"Dev\nGamma,Dev\n');
    expect(records.map((r) => [r.row, r.application.company])).toEqual([[2, 'Acme']]);
    expect(messages(errors)).toEqual(['row 3: a quoted cell starts here and is never closed; look for a stray " character']);
    expect(errors[0]?.fatal).toBe(true);
  });

  it('a workbook given as CSV, or text given as XLSX, is refused with the fix', async () => {
    const xlsx = await renderXlsx(scenarioOf({ settings: { region: 'US', timeZone: 'UTC' }, applications: [] }), { time });
    expect(await only(xlsx, { format: 'csv' })).toEqual(['this is an XLSX workbook (or another zip file), not CSV; import it as XLSX']);
    expect(await only('Company,Role\nA,B\n', { format: 'xlsx' })).toEqual(['this is not an XLSX workbook (it is not a zip file); import it as CSV']);
  });

  it('a 50 MB line stops the import after reading a few MB, with the row it starts on', async () => {
    let pulled = 0;
    async function* huge(): AsyncGenerator<Uint8Array> {
      const chunk = Buffer.alloc(1024 * 1024, 0x61);
      for (const part of [Buffer.from('Company,Role\nAcme,Dev\n'), ...Array.from({ length: 50 }, () => chunk), Buffer.from('\n')]) {
        pulled += part.length;
        yield part;
      }
    }
    const { records, errors } = await collect(huge());
    expect(records.map((r) => r.application.company)).toEqual(['Acme']);
    expect(messages(errors)).toEqual(['row 3: a row longer than 1,048,576 bytes: this does not look like a list of applications (check the file, or its delimiter and quotes)']);
    expect(pulled).toBeLessThan(8 * 1024 * 1024);
  });

  it('more errors than maxErrors: the first ones are listed, the rest counted', async () => {
    const csv = `Company,Role,Notes\n${',,a note\n'.repeat(30)}`;
    const { errors } = await collect(csv, { maxErrors: 5 });
    expect(errors).toHaveLength(6);
    expect(formatImportError(errors[0] ?? { message: '' })).toBe('row 2, column "Company": is empty; every application needs a company');
    expect(errors.at(-1)?.message).toBe('55 more errors not listed; fix the ones above and import again');
  });
});

describe('streaming, batches, progress and preview', () => {
  const rows = (n: number) => `Company,Role,Status,Date applied\r\n${Array.from({ length: n }, (_, i) => `Company ${i},Role ${i},Applied,2026-03-03\r\n`).join('')}`;

  it('1,234 rows in batches of 500: 500, 500, 234, with progress after each', async () => {
    const csv = rows(1_234);
    const progress: [number, number, number | undefined][] = [];
    const { batches, records } = await collect(csv, { batchSize: 500, onProgress: (r, b, t) => progress.push([r, b, t]) });
    expect(batches.map((b) => b.records.length)).toEqual([500, 500, 234]);
    expect(records.map((r) => r.row)).toEqual(Array.from({ length: 1_234 }, (_, i) => i + 2));
    expect(new Set(records.map((r) => r.application.id)).size).toBe(1_234);
    expect(progress).toHaveLength(3);
    expect(progress.at(-1)).toEqual([1_235, Buffer.byteLength(csv), Buffer.byteLength(csv)]);
    expect(progress.every(([r], i) => i === 0 || r > (progress[i - 1]?.[0] ?? 0))).toBe(true);
  });

  it('a stream in odd-sized chunks (split inside multi-byte characters) reads the same as one string', async () => {
    const csv = `Company,Role\n${Array.from({ length: 300 }, (_, i) => `"Zoë, Ñúñez ${i}",Ingeniería 🙂\n`).join('')}`;
    const bytes = Buffer.from(csv);
    async function* chunks(): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < bytes.length; i += 7) yield bytes.subarray(i, i + 7);
    }
    const streamed = await collect(chunks(), { totalBytes: bytes.length });
    const whole = await collect(csv);
    expect(streamed.errors).toEqual([]);
    expect(streamed.records.map((r) => r.application.company)).toEqual(whole.records.map((r) => r.application.company));
    expect(streamed.records[299]?.application).toMatchObject({ company: 'Zoë, Ñúñez 299', role: 'Ingeniería 🙂' });
  });

  it('preview(n) shows the mapping and the first n rows (errors included) and stops reading', async () => {
    let pulled = 0;
    const body = Buffer.from(rows(200_000));
    async function* chunks(): AsyncGenerator<Uint8Array> {
      const head = Buffer.from('Company,Role,Status,Date applied,Shoe size\r\nAcme,Dev,Applied,31/02/2026,42\r\n');
      pulled += head.length;
      yield head;
      for (let i = body.indexOf('\n') + 1; i < body.length; i += 64 * 1024) {
        const part = body.subarray(i, i + 64 * 1024);
        pulled += part.length;
        yield part;
      }
    }
    const preview = await previewImport(chunks(), 3);
    expect(preview.info.columns.map((c) => c.field)).toEqual(['company', 'role', 'status', 'appliedOn', null]);
    expect(messages(preview.errors)).toEqual(['row 2, column "Date applied": "31/02/2026" is not a date; write YYYY-MM-DD or DD/MM/YYYY']);
    expect(preview.records.map((r) => [r.row, r.application.company])).toEqual([[3, 'Company 0'], [4, 'Company 1']]);
    expect(pulled).toBeLessThan(body.length / 4);
  });
});

describe('fuzz', () => {
  const cell = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.constantFrom('Acme', 'Zoë Ñúñez', '2026-03-03', '03/04/2026', '31/02/2026', 'Applied', 'ghosted', '=1+1', '"', '""', ';', '\r\n', '\uFEFF', '\u0000'),
    fc.string({ unit: 'binary', maxLength: 8 }),
  );
  const header = fc.shuffledSubarray(['Company', 'Role', 'Status', 'Date applied', 'Contact', 'Contact email', 'Notes', 'URL', 'Salary', 'Other'], { minLength: 1 });

  function check(result: Awaited<ReturnType<typeof collect>>, dataRows: number | undefined): void {
    const rowsWithErrors = new Set(result.errors.filter((e) => e.row !== undefined && !e.fatal).map((e) => e.row));
    for (const e of result.errors) {
      expect(e.message.length).toBeGreaterThan(0);
      if (e.row !== undefined) expect(Number.isInteger(e.row) && e.row >= 1).toBe(true);
    }
    for (const r of result.records) {
      expect(r.application.company.trim()).not.toBe('');
      expect(r.application.role.trim()).not.toBe('');
      expect(rowsWithErrors.has(r.row)).toBe(false);
    }
    const recordRows = result.records.map((r) => r.row);
    expect(recordRows).toEqual([...recordRows].sort((a, b) => a - b));
    expect(new Set(recordRows).size).toBe(recordRows.length);
    if (dataRows !== undefined) expect(result.records.length + rowsWithErrors.size).toBeLessThanOrEqual(dataRows);
  }

  it('well-formed CSV with random cells: every row is a record or has row-numbered errors', async () => {
    await fc.assert(fc.asyncProperty(header, fc.array(fc.array(cell, { maxLength: 11 }), { maxLength: 15 }), fc.constantFrom(',', ';', '\t'), async (cols, body, delimiter) => {
      const csv = stringify([cols, ...body], { delimiter });
      const result = await collect(csv, { dateOrder: 'dmy', delimiter });
      check(result, body.length);
      const fatal = result.errors.some((e) => e.fatal);
      if (!fatal && cols.includes('Company') && cols.includes('Role')) {
        // Every non-blank data row (row n + 2 in the file) is either a record or has errors.
        const seen = new Set([...result.records.map((r) => r.row), ...result.errors.map((e) => e.row)]);
        body.forEach((cells, i) => {
          if (cells.some((c) => c.trim() !== '')) expect(seen.has(i + 2)).toBe(true);
        });
      }
    }), { numRuns: 150 });
  });

  it('mutated and random bytes never throw', async () => {
    const base = Buffer.from(readFileSync(new URL('tracker-semicolon-bom.csv', FIXTURES)));
    const mutation = fc.array(fc.tuple(fc.nat({ max: base.length - 1 }), fc.integer({ min: 0, max: 255 })), { maxLength: 20 });
    await fc.assert(fc.asyncProperty(mutation, fc.uint8Array({ maxLength: 300 }), async (changes, noise) => {
      const mutated = Buffer.from(base);
      for (const [at, byte] of changes) mutated[at] = byte;
      check(await collect(mutated), undefined);
      check(await collect(Buffer.concat([mutated.subarray(0, 120), noise])), undefined);
      check(await collect(noise), undefined);
    }), { numRuns: 150 });
  });
});
