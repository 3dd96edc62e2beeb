/**
 * Reading the employer's reply (readReply): how right, and how fast.
 *
 *   npx tsx bench/replies.bench.ts          (or: npm run bench -- replies)
 *
 * - the labelled corpus (test/fixtures/replies/): precision and recall per class, and the labelled
 *   dates read right (the corpus test holds each at ≥ 0.9, every date right);
 * - warm: p50/p95/max of reading a 300-word reply (own text, a quoted earlier message and a
 *   signature with a disclaimer), after a warm-up, in this process. Target: p95 ≤ 10 ms;
 * - the corpus, each reply read once per round: p50/p95/max per reply;
 * - 1 MB adversarial texts, each read once (the reader looks at the first 50,000 characters).
 * Prints tables only; nothing here asserts a time.
 */
import { readFileSync } from 'node:fs';
import { CORPUS_DIR, loadReplyCorpus, renderScore, scoreCorpus } from '../src/core/replies/corpus.js';
import { readReply, type ReplyContext } from '../src/core/replies/index.js';
import { createTimeRules, dayOf } from '../src/core/time.js';

const REPLY_300 = `Hi Jordan,

Thank you for taking the time to speak with us last Wednesday, and for your thoughtful note afterwards. The whole panel enjoyed the conversation, and Grace in particular appreciated how you walked us through the churn dashboard you rebuilt at your current company.

I wanted to give you an honest update on where things stand. We have not made a final decision yet. We had a strong response to the posting, and two more candidates are coming in for their first interviews this week, after which the panel will meet to compare notes. Our head of finance also needs to sign off on the budget for the team before we can make anyone an offer, and that approval has taken a little longer than we planned.

Given all of that, we expect to make a final decision by March 20. I know waiting is never easy, and I appreciate your patience while we work through the process carefully. You remain very much under consideration, and nothing about the delay reflects on your candidacy.

To give you a sense of what happens next: once the panel has met, I will call each remaining candidate personally rather than sending a form email, because I think people deserve to hear the outcome from a person. If the decision goes your way, the next conversation would be about the start date and the onboarding plan for the first ninety days, which Grace has already sketched out for the team.

In the meantime, there is nothing you need to send us. If anything changes on your side, such as another offer with a deadline, please let me know and I will do what I can to speed things along.

Thanks again for your interest in Acme Corp.

Best regards,
Sarah Chen
Senior Recruiter | Acme Corp
T: +1 (212) 555-0147
sarah.chen@acme.example

CONFIDENTIALITY NOTICE: This email and any attachments are for the sole use of the intended recipient and may contain confidential information.

On Mon, Mar 9, 2026 at 8:30 AM Jordan Lee <jordan@example.com> wrote:
> Dear Ms. Chen,
> I hope you are well. I wanted to follow up on my interview for the Data Analyst position on Wednesday, March 4. I remain very interested in the role and would be glad to provide anything else you need.
> Sincerely,
> Jordan Lee
`;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;
}
const ms = (v: number): string => `${v.toFixed(v < 10 ? 3 : 0)} ms`;
const spread = (times: number[]): string => {
  times.sort((a, b) => a - b);
  return `p50 ${ms(percentile(times, 0.5))}, p95 ${ms(percentile(times, 0.95))}, max ${ms(times[times.length - 1] ?? NaN)}`;
};

function main(): void {
  const time = createTimeRules();
  const entries = loadReplyCorpus(time, (name) => readFileSync(new URL(name, CORPUS_DIR), 'utf8'));
  const score = scoreCorpus(entries);
  console.log(renderScore(score, entries.length));
  if (score.misses.length > 0) console.log(`\n${score.misses.join('\n')}`);

  // Mon 2026-03-09, US.
  const ctx: ReplyContext = { receivedOn: dayOf(2026, 3, 9), calendar: time.calendar('US') };
  const own = REPLY_300.slice(0, REPLY_300.indexOf('Best regards'));
  const words = own.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length;
  const rows: Array<[string, string, string]> = [];

  const first = performance.now();
  readReply(REPLY_300, ctx);
  rows.push(['first read in this process (after the corpus)', ms(performance.now() - first), '']);
  for (let i = 0; i < 200; i++) readReply(REPLY_300, ctx);
  const warm: number[] = [];
  for (let i = 0; i < 2000; i++) {
    const t = performance.now();
    readReply(REPLY_300, ctx);
    warm.push(performance.now() - t);
  }
  rows.push([`warm, a ${words}-word reply with quote and signature`, spread(warm), 'p95 \u2264 10 ms']);

  const each: number[] = [];
  for (let round = 0; round < 20; round++) {
    for (const e of entries) {
      const t = performance.now();
      readReply(e.text, e.ctx);
      each.push(performance.now() - t);
    }
  }
  rows.push([`warm, each of the ${entries.length} corpus replies (20 rounds)`, spread(each), '']);

  const MB = 1 << 20;
  const fill = (unit: string): string => unit.repeat(Math.ceil(MB / unit.length)).slice(0, MB);
  let worst = 0;
  for (const [label, text] of [
    ['1 MB of one word', fill('a')],
    ['1 MB of "we will decide by March 20 "', fill('we will decide by March 20 ')],
    ['1 MB of "> quoted" lines', fill('> quoted line\n')],
    ['1 MB of "?!"', fill('?!')],
    ['1 MB of the 300-word reply', fill(REPLY_300)],
  ] as const) {
    const t = performance.now();
    const r = readReply(text, ctx);
    const d = performance.now() - t;
    worst = Math.max(worst, d);
    rows.push([label, `${ms(d)} (${r.class})`, '']);
  }
  rows.push(['1 MB adversarial: worst', ms(worst), 'finishes']);

  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  console.log(`\n${'measure'.padEnd(w0)}  ${'time'.padEnd(w1)}  target`);
  for (const [a, b, c] of rows) console.log(`${a.padEnd(w0)}  ${b.padEnd(w1)}  ${c}`);
}

main();
