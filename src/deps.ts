/** The composition root: real dependencies from a resolved `Config`. Plain functions, no container. */
import { LOCAL_USER, type Clock, type Store } from './app/ports.js';
import type { Config } from './config.js';
import { createTimeRules, type TimeRules } from './core/time.js';
import { openStore, type OpenOptions } from './store/open.js';

export interface Deps {
  readonly store: Store;
  readonly time: TimeRules;
  readonly clock: Clock;
}

export const systemClock: Clock = { now: () => Date.now() };

/** Opens the store (creating and migrating the database if needed) with the local user in it. Close `store` when done. */
export async function createDeps(config: Config, options: OpenOptions = {}): Promise<Deps> {
  const store = await openStore(config.database.kind === 'postgres'
    ? { kind: 'postgres', url: config.database.url, ...(config.database.directUrl !== undefined ? { directUrl: config.database.directUrl } : {}) }
    : { kind: 'pglite', dataDir: config.database.dataDir }, options);
  try {
    await store.ensureUser(LOCAL_USER);
  } catch (error) {
    await store.close();
    throw error;
  }
  return { store, time: createTimeRules(), clock: systemClock };
}
