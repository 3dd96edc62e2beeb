/**
 * For the mail sync tests: a real Dovecot with one user, and a fresh PGlite store holding the
 * worked example (test/fixtures/contract/worked-example-1.json) for one user, its mailbox linked
 * to that Dovecot (SMTP never contacted).
 */
import { connectMailbox, type MailDeps } from '../../app/mail/connect.js';
import { mailKeyFromSecret } from '../../app/mail/credentials.js';
import { seedWorkedExample, startDovecot, type Dovecot } from '../../app/mail/testing-dovecot.js';
import { createTimeRules } from '../../core/time.js';
import type { PgliteStore } from '../../store/pglite.js';
import { freshPgliteStore } from '../../store/testing.js';

export const WORKED_LOGIN = 'jordan@example.com';

export interface LinkedWorkedExample {
  readonly dovecot: Dovecot;
  readonly store: PgliteStore;
  /** The mail use cases' deps for the user, at the test's `now`. */
  deps(): MailDeps;
}

/** `people`: more people for the worked example's application (e.g. a second interviewer). */
export async function linkedWorkedExample(options: { user: string; password: string; now: number; people?: readonly Record<string, unknown>[] }): Promise<LinkedWorkedExample> {
  const time = createTimeRules();
  const dovecot = await startDovecot({ users: [{ login: WORKED_LOGIN, password: options.password }] });
  const store = await freshPgliteStore();
  const deps = (): MailDeps => ({ store, time, clock: { now: () => options.now }, userId: options.user, mailKey: mailKeyFromSecret(`${options.user} test secret`) });
  await seedWorkedExample(store, options.user, time, options.people);
  // SMTP is not checked: port 9 is never contacted.
  await connectMailbox(deps(), { imapHost: '127.0.0.1', imapPort: dovecot.port, smtpHost: '127.0.0.1', smtpPort: 9, user: WORKED_LOGIN, password: options.password }, { checkSmtp: false });
  return { dovecot, store, deps };
}
