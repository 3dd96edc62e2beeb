/** What every route file gets from createServer, and what each request carries once signed in. */
import type { Account } from '../../app/ports.js';
import type { AppDeps } from '../../app/records.js';
import type { SpellerLoader } from '../../app/speller.js';
import type { RequestEnv } from '../request-env.js';

export interface RouteContext {
  readonly speller: SpellerLoader;
}

/**
 * Per request, set by the session middleware: `app` is the use cases' deps for the signed-in user
 * (the local user on a local install), `csrf` the token writes must carry, `account` the signed-in
 * account on a shared server.
 */
export type Env = {
  Variables: { app: AppDeps; csrf: string; account?: Account; sessionHash?: string };
  Bindings: RequestEnv;
};
