/**
 * Reading mail (src/core/mail): how right, and how fast.
 *
 *   npx tsx bench/mail-classify.bench.ts          (or: npm run bench -- mail-classify)
 *
 * - the labelled corpus (test/fixtures/mail/): precision and recall per class, for the training
 *   part and the held-out part apart, with every miss (the corpus test holds each class at ≥ 0.9);
 * - messages per second: the corpus read whole (headers parsed, matched, text taken, classified),
 *   round after round for about two seconds;
 * - matching alone: 10,000 header blocks against 200 applications (what a first sync does before
 *   it fetches any body), parsed and matched;
 * - mailText on a 30 MB HTML body and a 30 MB text body (both capped).
 * Prints tables only; nothing here asserts a time. CPU times are process.cpuUsage, less noisy than
 * wall time on a shared machine.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { buildMatchIndex, mailText, matchMessage, parseHeaderBlock, type MatchApplication } from '../src/core/mail/index.js';
import { loadMailCorpus, MAIL_CORPUS_DIR, readEntry, renderMailScore, scoreMailCorpus } from '../src/core/mail/corpus.js';
import { createTimeRules } from '../src/core/time.js';

const time = createTimeRules();
const files = readdirSync(MAIL_CORPUS_DIR).filter((f) => f.endsWith('.txt')).sort();
const read = (name: string): string => readFileSync(new URL(name, MAIL_CORPUS_DIR), 'utf8');

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function timed<T>(run: () => T): { value: T; wallMs: number; cpuMs: number } {
  const w = performance.now();
  const c = cpuMs();
  const value = run();
  return { value, wallMs: performance.now() - w, cpuMs: cpuMs() - c };
}

// ---------------------------------------------------------------- accuracy
const corpus = loadMailCorpus(read, files);
const score = scoreMailCorpus(corpus, time);
console.log(renderMailScore('mail corpus, training part', score.train));
console.log();
console.log(renderMailScore('mail corpus, held-out part', score.heldout));
console.log();
console.log(`applications matched right: ${score.matches.right}/${score.matches.labelled}; labelled dates right: ${score.dates.right}/${score.dates.labelled}`);
console.log(score.misses.length === 0 ? 'misses: none' : `misses:\n${score.misses.join('\n')}`);

// ---------------------------------------------------------------- speed: the whole reading
for (const e of corpus.entries) readEntry(corpus, e, time);
let rounds = 0;
const whole = timed(() => {
  const start = performance.now();
  while (performance.now() - start < 2000) {
    const again = loadMailCorpus(read, files);
    for (const e of again.entries) readEntry(again, e, time);
    rounds++;
  }
});
const messages = rounds * corpus.entries.length;
console.log(`\nwhole reading (load, parse, match, text, classify): ${messages} messages in ${whole.wallMs.toFixed(0)} ms wall, ${whole.cpuMs.toFixed(0)} ms CPU → ${(messages / (whole.cpuMs / 1000)).toFixed(0)} messages per CPU second`);

// ---------------------------------------------------------------- speed: headers and matching at sync scale
const apps: MatchApplication[] = Array.from({ length: 200 }, (_, i) => ({
  id: `app-${i}`, company: `Company ${i} Ltd`, role: `Role ${i % 17}`, postingUrl: `https://careers.company${i}.com/jobs/${i}`,
  people: [{ id: `p-${i}-a`, email: `recruiter${i}@company${i}.com` }, { id: `p-${i}-b`, email: `manager${i}@company${i}.com` }],
}));
const index = buildMatchIndex(apps, { ownAddresses: ['me@example.com'], threads: Array.from({ length: 2000 }, (_, i) => [`sent-${i}@example.com`, `app-${i % 200}`] as const) });
const blocks = Array.from({ length: 10_000 }, (_, i) => {
  const kind = i % 5;
  const from = kind === 0 ? `recruiter${i % 200}@company${i % 200}.com` : kind === 1 ? `news${i}@shop${i}.example` : kind === 2 ? `someone${i}@company${i % 200}.com` : kind === 3 ? `friend${i}@gmail.com` : `alerts@linkedin.com`;
  return `From: "Person ${i}" <${from}>\r\nTo: me@example.com\r\nDate: Tue, 3 Mar 2026 10:${String(i % 60).padStart(2, '0')}:00 +0000\r\nSubject: =?UTF-8?Q?Message_${i}?=\r\nMessage-ID: <m${i}@x.example>\r\nIn-Reply-To: <sent-${i % 3000}@example.com>\r\n\r\n`;
});
const matching = timed(() => {
  let matched = 0;
  for (const b of blocks) if (matchMessage(parseHeaderBlock(b), index).applicationId !== null) matched++;
  return matched;
});
console.log(`headers parsed and matched: 10,000 blocks against 200 applications in ${matching.wallMs.toFixed(0)} ms wall, ${matching.cpuMs.toFixed(0)} ms CPU (${matching.value} matched)`);

// ---------------------------------------------------------------- hostile sizes
const html30 = `<html><body>${'<p>We would like to invite you to a second interview.</p><script>x()</script>'.repeat(400_000)}</body></html>`;
const text30 = 'Thank you for your patience. '.repeat(1_100_000);
// Flatten the repeated strings first: V8 keeps .repeat() as a rope until a regular expression reads it.
/\S/.test(html30);
/\S/.test(text30);
const h = timed(() => mailText({ html: html30 }));
const t = timed(() => mailText({ text: text30 }));
console.log(`mailText, ${(html30.length / 1e6).toFixed(0)} MB of HTML: ${h.cpuMs.toFixed(0)} ms CPU (${h.value.text.length} characters kept, truncated: ${String(h.value.truncated)})`);
console.log(`mailText, ${(text30.length / 1e6).toFixed(0)} MB of text: ${t.cpuMs.toFixed(1)} ms CPU (${t.value.text.length} characters kept, truncated: ${String(t.value.truncated)})`);
