/** core/details.ts: each detail read from what was typed, with the limit said in words naming the field, and the salary's figures read from plain words. */
import { describe, expect, it } from 'vitest';
import { isWebAddress, readDetails, readPersonNotes, readWorkplace, salaryFigures } from './details.js';

describe('readDetails', () => {
  it('keeps each detail tidied: one-line texts trimmed with single spaces, long texts with \\n line ends, currency upper case, tags once', () => {
    const { details, issues } = readDetails({
      postingUrl: ' https://jobs.example.com/42?ref=x ', location: '  New   York,\nNY ', workplace: 'On-site',
      salary: { text: ' £45k–£55k ', min: '45,000', max: 55_000, currency: 'gbp', period: 'per year' },
      source: 'LinkedIn', sourceId: 'h-1', description: '\r\nOwn the churn model.\r\n\r\nSQL daily.\u0007\n', notes: '  ', tags: 'fintech, Dream job,FINTECH, ,dream job',
    });
    expect(issues).toEqual([]);
    expect(details).toStrictEqual({
      postingUrl: 'https://jobs.example.com/42?ref=x', location: 'New York, NY', workplace: 'on_site',
      salary: { text: '£45k–£55k', min: 45_000, max: 55_000, currency: 'GBP', period: 'year' },
      source: 'LinkedIn', sourceId: 'h-1', description: 'Own the churn model.\n\nSQL daily.', tags: ['fintech', 'Dream job'],
    });
  });

  it.each([
    [{ postingUrl: 'ftp://files.example.com/x' }, 'postingUrl', '"ftp://files.example.com/x" is not a web address; give the posting\'s link starting with https:// or http://'],
    [{ postingUrl: 'jobs.example.com/42' }, 'postingUrl', 'is not a web address'],
    [{ postingUrl: `https://example.com/${'x'.repeat(2_000)}` }, 'postingUrl', '2,020 characters; the most is 2,000 — shorten it'],
    [{ location: 'x'.repeat(201) }, 'location', '201 characters; the most is 200 — shorten it'],
    [{ workplace: 'moon' }, 'workplace', '"moon" is not allowed; use remote, hybrid or on-site'],
    [{ salary: { text: 'a lot', min: -1 } }, 'salary.min', '-1 is not an amount; write a number from 0 to 1,000,000,000 with at most two decimals'],
    [{ salary: { text: 'x', min: 1.234 } }, 'salary.min', 'at most two decimals'],
    [{ salary: { text: 'x', min: 10, max: 5 } }, 'salary.max', '5 is below the lowest salary (10); swap them or fix one'],
    [{ salary: { text: 'x', currency: 'pounds' } }, 'salary.currency', '"pounds" is not a currency code; write its three letters, e.g. USD, GBP or EUR'],
    [{ salary: { text: 'x', period: 'fortnight' } }, 'salary.period', '"fortnight" is not a period; use one of hour, day, week, month, year'],
    [{ salary: ['x'] }, 'salary', 'must be the salary as written (text), or an object with text, min, max, currency and period'],
    [{ description: 'd'.repeat(16_001) }, 'description', '16,001 characters; the most is 16,000 — shorten it'],
    [{ notes: '🌵'.repeat(16_001) }, 'notes', '16,001 characters; the most is 16,000 — shorten it'],
    [{ tags: ['a,b'] }, 'tags[0]', '"a,b" has a comma; a tag is one label, so split it into two tags'],
    [{ tags: Array.from({ length: 51 }, (_, i) => `t${i}`) }, 'tags', '51 tags; the most is 50 — remove some'],
    [{ location: 42 }, 'location', 'must be text'],
  ])('%j is an issue at %s', (raw, field, message) => {
    const { issues } = readDetails(raw);
    expect(issues.map((i) => i.field)).toEqual([field]);
    expect(issues[0]?.message).toContain(message);
  });

  it('a salary of figures alone gets its words; one figure alone is that amount; words alone have their figures read when plain', () => {
    expect(readDetails({ salary: { min: 45_000, max: 55_000, currency: 'GBP', period: 'year' } }).details.salary)
      .toStrictEqual({ text: '45,000–55,000 GBP a year', min: 45_000, max: 55_000, currency: 'GBP', period: 'year' });
    expect(readDetails({ salary: 90_000 }).details.salary).toStrictEqual({ text: '90,000', min: 90_000, max: 90_000 });
    expect(readDetails({ salary: '$120,000 - $140,000 a year' }).details.salary)
      .toStrictEqual({ text: '$120,000 - $140,000 a year', min: 120_000, max: 140_000, currency: 'USD', period: 'year' });
    expect(readDetails({ salary: { text: '$120,000' } }).details.salary).toStrictEqual({ text: '$120,000' });
    expect(readDetails({ salary: '' }).details.salary).toBeUndefined();
  });
});

describe('salaryFigures', () => {
  it.each([
    ['£45k–£55k', { min: 45_000, max: 55_000, currency: 'GBP' }],
    ['45-55k', { min: 45_000, max: 55_000 }],
    ['25/hour', { min: 25, max: 25, period: 'hour' }],
    ['$25 hourly', { min: 25, max: 25, currency: 'USD', period: 'hour' }],
    ['60000 EUR', { min: 60_000, max: 60_000, currency: 'EUR' }],
    ['US$90k per year', { min: 90_000, max: 90_000, currency: 'USD', period: 'year' }],
    ['£30,000 pa', { min: 30_000, max: 30_000, currency: 'GBP', period: 'year' }],
  ])('%s → %j', (text, figures) => {
    expect(salaryFigures(text)).toStrictEqual(figures);
  });

  it.each(['up to 60k + bonus', 'competitive', '€50.000', '100k-80k', 'DOE'])('%s has no plain figures', (text) => {
    expect(salaryFigures(text)).toBeUndefined();
  });
});

describe('the small readers', () => {
  it('isWebAddress: http and https with a host only', () => {
    expect(['https://a.example/x', 'http://localhost:8080/'].map(isWebAddress)).toEqual([true, true]);
    expect(['javascript:alert(1)', 'mailto:a@b.c', 'https://', 'https://a b.example', 'www.example.com'].map(isWebAddress)).toEqual([false, false, false, false, false]);
  });

  it('readWorkplace: the ways trackers write it', () => {
    expect(['Remote', 'fully remote', 'Hybrid', 'On-site', 'onsite', 'on_site', 'In office', 'Mars'].map(readWorkplace))
      .toEqual(['remote', 'remote', 'hybrid', 'on_site', 'on_site', 'on_site', 'on_site', undefined]);
  });

  it('readPersonNotes: kept trimmed, blank is none, over the limit an issue', () => {
    expect(readPersonNotes('  Runs marathons\r\n')).toStrictEqual({ notes: 'Runs marathons' });
    expect(readPersonNotes('   ')).toStrictEqual({});
    expect(readPersonNotes('n'.repeat(16_001)).issue?.message).toBe('16,001 characters; the most is 16,000 — shorten it');
  });
});
