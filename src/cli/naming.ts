/** Errors from use cases name their fields (`interview.start`); the CLI names the flags typed (`--start`). */
import { AppError } from '../app/errors.js';

export type FlagMap = Readonly<Record<string, string>>;

function flagFor(flags: FlagMap, field: string): string | undefined {
  const key = field.replace(/^[a-z]+\./, '');
  const named = flags[field] ?? flags[key] ?? flags[key.replace(/\[\d+\]$/, '')] ?? flags[key.replace(/\[\d+\].*$/, '')];
  if (named !== undefined) return named;
  // `debrief.details.p1` is `--detail p1`: the flag of `debrief.details` and the key it was given.
  const m = /^(.*)\.([^.]*)$/.exec(key);
  const flag = m ? flags[m[1] ?? ''] : undefined;
  return flag !== undefined ? `${flag} ${m?.[2] ?? ''}` : undefined;
}

/** Runs `run`, renaming the field of an AppError to its flag in `flags` when there is one. */
export async function naming<T>(flags: FlagMap, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof AppError && error.field !== undefined && error.detail !== undefined) {
      const flag = flagFor(flags, error.field);
      if (flag) throw error.namedAt(flag);
    }
    throw error;
  }
}

/** commander's collector for repeatable options. */
export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];
