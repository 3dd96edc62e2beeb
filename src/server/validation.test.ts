/** The API refuses what the CLI refuses: blank names, bad contact details, limits in words (422 naming the field). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../deps.js';
import { signedInAt, type TestClient } from './testing.js';

// Wed 2026-03-04 09:00 in New York.
const NOW = Date.UTC(2026, 2, 4, 14);

let deps: Deps;
let api: TestClient;
beforeAll(async () => {
  ({ deps, api } = await signedInAt(NOW));
  expect((await api.post('/api/profile', { settings: { timeZone: 'America/New_York', region: 'US' }, candidate: { name: 'Jordan Lee' } })).status).toBe(200);
  expect((await api.post('/api/applications', { company: 'Acme Corp', role: 'Data Analyst' })).status).toBe(201);
});
afterAll(async () => { await deps.store.close(); });

type Body = Record<string, unknown>;

describe('records through the API', () => {
  it('refuses blank names, a bad email or phone and an over-long name with 422 naming the field', async () => {
    const cases: [string, Body, RegExp][] = [
      ['/api/applications', { company: '   ', role: 'Analyst' }, /^application\.company: is blank; write the company’s name$/],
      ['/api/applications/a1/people', { name: ' \t ' }, /^person\.name: is blank; write their full name$/],
      ['/api/applications/a1/people', { name: 'Grace Okafor', email: 'not-an-email' }, /^person\.email: "not-an-email" is not an email address; write it as name@example\.com$/],
      ['/api/applications/a1/people', { name: 'Grace Okafor', phone: '12' }, /^person\.phone: "12" is not a phone number/],
      ['/api/applications/a1/people', { name: 'Grace Okafor', title: 'x'.repeat(10_001) }, /^person\.title: 10,001 characters; the most is 10,000 — shorten it$/],
      ['/api/references', { name: 'Ada Byron', email: 'ada@' }, /^reference\.email: "ada@" is not an email address/],
    ];
    for (const [path, body, message] of cases) {
      const res = await api.post(path, body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(422);
      expect(String(((await res.json()) as Body)['error'])).toMatch(message);
    }
    const app = (await (await api.get('/api/applications/a1')).json()) as { application: { people: unknown[] } };
    expect(app.application.people).toEqual([]);
  });

  it('keeps a name and an email trimmed', async () => {
    const res = await api.post('/api/applications/a1/people', { name: '  Grace Okafor ', email: ' g@acme.example ' });
    expect(res.status).toBe(201);
    const app = (await (await api.get('/api/applications/a1')).json()) as { application: { people: Body[] } };
    expect(app.application.people).toEqual([expect.objectContaining({ name: 'Grace Okafor', email: 'g@acme.example' })]);
  });
});
