/**
 * The CLI bundle freezes compromise's lexicon at build time (scripts/compromise-snapshot.mjs). This
 * builds compromise's second level (what the drafts import) twice with esbuild, as the library ships and with the plugin, and checks that
 * both read every input of the debrief corpus alike: the same words, tags and conjugations.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a build script in plain JavaScript, without types
import { compromiseSnapshot } from '../../scripts/compromise-snapshot.mjs';

const ROOT = dirname(dirname(dirname(fileURLToPath(import.meta.url))));

interface Doc {
  json(): unknown;
  docs: readonly (readonly { text: string; tags: ReadonlySet<string> }[])[];
}
interface VerbMethods {
  toInfinitive(word: string, model: unknown, tense?: string): string;
  conjugate(infinitive: string, model: unknown): unknown;
}
interface World {
  model: { two: { matches: readonly { match: string }[] } };
  methods: { one: { buildNet(matches: unknown[], world: World): unknown } };
}
type Nlp = ((text: string) => Doc) & {
  model(): Record<string, Record<string, unknown>>;
  world(): World;
  methods(): { two: { transform: { verb: VerbMethods } } };
};

/** Every verb of the text conjugated by the library's own tables, as the drafts use them. */
function conjugations(nlp: Nlp, text: string): unknown[] {
  const verb = nlp.methods().two.transform.verb;
  const model = nlp.model();
  return nlp(text).docs.flat().filter((t) => t.tags.has('Verb')).map((t) => verb.conjugate(verb.toInfinitive(t.text.toLowerCase(), model), model));
}

async function bundle(name: string, plugins: unknown[]): Promise<{ nlp: Nlp; bytes: number }> {
  const out = join(mkdtempSync(join(tmpdir(), 'afterword-compromise-')), `${name}.mjs`);
  await build({
    stdin: { contents: "export { default } from 'compromise/two';", resolveDir: ROOT, loader: 'js' },
    bundle: true, platform: 'node', format: 'esm', outfile: out, logLevel: 'silent',
    plugins: plugins as never[],
  });
  return { nlp: ((await import(pathToFileURL(out).href)) as { default: Nlp }).default, bytes: readFileSync(out).length };
}

function corpus(): string[] {
  const texts: string[] = [];
  for (const file of ['details', 'best-moments', 'awkward-moments', 'unfinished-answers', 'hostile']) {
    const entries = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'debriefs', `${file}.json`), 'utf8')) as { text?: string; repeat?: string; times?: number }[];
    for (const e of entries) texts.push(e.text ?? (e.repeat ?? '').repeat(Math.min(e.times ?? 1, 40)));
  }
  return texts;
}

/** The document as JSON without compromise's per-run random term ids. */
const stable = (value: unknown): string => JSON.stringify(value, (key, v: unknown) => (key === 'id' ? undefined : v));

describe('compromise with its lexicon frozen at build time', () => {
  it('tags and conjugates the whole debrief corpus exactly as compromise itself', async () => {
    const { nlp: plain, bytes: plainBytes } = await bundle('plain', []);
    // A process that has tagged text already (its compromise parsed its patterns in place) builds the same bundle.
    (await import('compromise/two')).default('She mentioned the team is moving to a four-day week pilot').json();
    const { nlp: frozen, bytes: frozenBytes } = await bundle('frozen', [compromiseSnapshot()]);
    // The plugin applied: the frozen bundle carries the lexicon as data (≈ 0.7 MB more).
    expect(frozenBytes - plainBytes).toBeGreaterThan(500_000);
    // The post-tagger's patterns parsed at build time are the very patterns and net compromise builds,
    // sets and regular expressions included; other patterns are still parsed as they come. (Before any
    // tagging: the first tagging parses compromise's own pattern objects in place.)
    const net = (nlp: Nlp, matches?: readonly { match: string }[]): { matches: unknown[]; net: unknown } => {
      const world = nlp.world();
      const copy = (matches ?? world.model.two.matches).map((m) => ({ ...m }));
      return { matches: copy, net: world.methods.one.buildNet(copy, world) };
    };
    expect(isDeepStrictEqual(net(frozen), net(plain))).toBe(true);
    const own = [{ match: '#Adjective (cake|pie)', tag: 'Food' }, { match: 'the /^[a-z]+ing$/' }];
    expect(isDeepStrictEqual(net(frozen, own), net(plain, own))).toBe(true);
    const texts = corpus();
    expect(texts.length).toBeGreaterThan(400);
    for (const text of texts) {
      expect(stable(frozen(text).json()), text).toBe(stable(plain(text).json()));
      expect(stable(conjugations(frozen, text)), text).toBe(stable(conjugations(plain, text)));
    }
    // The frozen parts of the model are the very data compromise computes.
    for (const [part, key] of [['one', 'lexicon'], ['one', '_multiCache'], ['two', 'switches'], ['two', 'uncountable']] as const) {
      expect(stable(frozen.model()[part]?.[key]), `${part}.${key}`).toBe(stable(plain.model()[part]?.[key]));
    }
  }, 120_000);
});
