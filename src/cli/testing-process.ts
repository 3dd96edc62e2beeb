/**
 * How tests start `afterword` as a real process: `node <these args> …`. The built bundle
 * (dist/cli/bin.js, what users run) when it is newer than every source file under src/, else the
 * sources through tsx. The bundle starts in well under a second of CPU; tsx first compiles the
 * CLI's sources (3–4 s of CPU on a busy 2-core machine), and a suite starts the CLI dozens of times.
 * AFTERWORD_TEST_CLI=source always runs the sources.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
let chosen: readonly string[] | undefined;

/** The newest modification time of a source file the bundle is built from. */
function newestSource(): number {
  let newest = 0;
  for (const name of readdirSync(join(root, 'src'), { recursive: true, encoding: 'utf8' })) {
    if (name.endsWith('.test.ts')) continue;
    const stat = statSync(join(root, 'src', name));
    if (stat.isFile() && stat.mtimeMs > newest) newest = stat.mtimeMs;
  }
  return newest;
}

function bundleTime(bundle: string): number | undefined {
  try {
    return statSync(bundle).mtimeMs;
  } catch {
    return undefined;
  }
}

export function afterwordArgs(): readonly string[] {
  if (chosen !== undefined) return chosen;
  const bundle = join(root, 'dist', 'cli', 'bin.js');
  const built = process.env['AFTERWORD_TEST_CLI'] === 'source' ? undefined : bundleTime(bundle);
  chosen = built !== undefined && newestSource() <= built ? [bundle] : ['--import', 'tsx', join(root, 'src', 'cli', 'bin.ts')];
  return chosen;
}
