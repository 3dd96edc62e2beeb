import { describe, expect, it } from 'vitest';
import { cli } from '../testing.js';

describe('afterword serve', () => {
  it('has examples in its help', async () => {
    const r = await cli(['serve', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('$ afterword serve');
    expect(r.stdout).toContain('--port');
    expect(r.stdout).toContain('127.0.0.1');
  });

  it.each(['abc', '-1', '70000', '80.5'])('refuses --port %s naming the flag (exit 2)', async (port) => {
    const r = await cli(['serve', `--port=${port}`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^afterword: --port: /);
  });
});
