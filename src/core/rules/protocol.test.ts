import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS } from './params.js';
import { RULES, SOURCES, ruleById } from './protocol.js';

// The specification: the shared copy when this checkout sits beside it, else the one in docs/.
const shared = fileURLToPath(new URL('../../../../shared/PROTOCOL.md', import.meta.url));
const docs = fileURLToPath(new URL('../../../docs/protocol.md', import.meta.url));
const spec = readFileSync(existsSync(shared) ? shared : docs, 'utf8');
/** docs/protocol.md: the specification as this product implements it, with the rules it adds (L13). */
const ours = readFileSync(docs, 'utf8');

/** Rule ids as they appear in the specification's tables and lists (`| T1 |`, `- R1 …`). */
function specIds(text = spec): Map<string, string[]> {
  const ids = new Map<string, string[]>();
  for (const m of text.matchAll(/^\| ([A-Z]\d{1,2}) \|.*\| ([A-E](?:, [A-E])*) \|$/gm)) {
    ids.set(m[1] ?? '', (m[2] ?? '').split(', '));
  }
  for (const m of text.matchAll(/^- (R\d) /gm)) ids.set(m[1] ?? '', []);
  return ids;
}

describe('the protocol as data', () => {
  it('finds the rules in the specification', () => {
    expect(specIds().size).toBeGreaterThanOrEqual(44);
  });

  it('has every rule id of PROTOCOL.md, with the same sources', () => {
    for (const [id, sources] of specIds()) {
      const rule = ruleById(id);
      expect(rule, `rule ${id}`).toBeDefined();
      if (sources.length > 0) expect([...(rule?.source ?? [])].sort(), `sources of ${id}`).toEqual([...sources].sort());
    }
  });

  it('cites only known sources, and has no rule the specification (or docs/protocol.md, for the rules we add) lacks', () => {
    const ids = new Map([...specIds(ours), ...specIds()]);
    for (const rule of RULES) {
      expect(ids.has(rule.id), `${rule.id} is in PROTOCOL.md or docs/protocol.md`).toBe(true);
      if (!specIds().has(rule.id)) expect([...rule.source].sort(), `sources of ${rule.id}`).toEqual([...(specIds(ours).get(rule.id) ?? [])].sort());
      expect(rule.source.length).toBeGreaterThan(0);
      for (const s of rule.source) expect(Object.keys(SOURCES)).toContain(s);
      expect(rule.text.length).toBeGreaterThan(10);
    }
  });

  it('points every parameter group at a rule that exists', () => {
    for (const group of Object.keys(DEFAULT_PARAMS)) {
      expect(RULES.some((r) => 'params' in r && r.params === group), group).toBe(true);
    }
  });
});
