/** What every route file gets from createServer: the use cases' deps for the local user, the speller. */
import type { AppDeps } from '../../app/records.js';
import type { SpellerLoader } from '../../app/speller.js';

export interface RouteContext {
  readonly app: AppDeps;
  readonly speller: SpellerLoader;
}

export type Env = { Variables: { session: string } };
