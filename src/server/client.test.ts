// The UI's client is typed from the routes (hc<AppType>): this drives the app through it, in-process.
import { hc } from 'hono/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../deps.js';
import { createServer, type AppType } from './app.js';
import { CSRF_HEADER } from './security.js';
import { ORIGIN, TEST_BINDING, TEST_SECRET, memoryDeps, signIn } from './testing.js';

let deps: Deps;

beforeAll(async () => {
  deps = await memoryDeps();
});

afterAll(async () => {
  await deps.store.close();
});

describe('the typed client', () => {
  it('sets up, adds an application and reads the pipeline with typed routes and bodies', async () => {
    const app = createServer(deps, { ...TEST_BINDING, secret: TEST_SECRET });
    const session = await signIn(app);
    const client = hc<AppType>(ORIGIN, {
      fetch: async (input: Request | string | URL, init?: RequestInit) => app.request(input instanceof Request ? input : String(input), init),
      headers: { Cookie: session.cookie, [CSRF_HEADER]: session.csrf, Origin: ORIGIN },
    });
    const profile = await client.api.profile.$post({ json: { settings: { timeZone: 'Europe/London', region: 'GB-ENG' }, candidate: { name: 'Sam Park' } } });
    expect(profile.status).toBe(200);
    const added = await client.api.applications.$post({ json: { company: 'Initech', role: 'Analyst' } });
    expect(added.status).toBe(201);
    const pipeline = await client.api.pipeline.$get();
    expect(pipeline.status).toBe(200);
    const body = await pipeline.json();
    expect(body.applications.map((a) => a.company)).toEqual(['Initech']);
    const shown = await client.api.applications[':id'].$get({ param: { id: 'a1' } });
    expect(shown.status).toBe(200);
  });
});
