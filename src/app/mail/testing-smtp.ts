/**
 * A real SMTP server for tests (the `smtp-server` package) on a free loopback port: it takes what
 * Afterword submits, after a login when one is set, and keeps each message's envelope and bytes so
 * the test reads back what left. Tests only (smtp-server is a devDependency).
 */
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  readonly from: string;
  readonly to: readonly string[];
  readonly raw: Buffer;
  /** The login the client used. */
  readonly user?: string;
  readonly at: number;
}

export interface TestSmtp {
  readonly host: string;
  readonly port: number;
  readonly received: readonly ReceivedMail[];
  /** Resolves when `count` messages have arrived, or rejects after `timeoutMs`. */
  waitFor(count: number, timeoutMs?: number): Promise<readonly ReceivedMail[]>;
  /** Refuses the next `count` messages with a temporary failure (451), as a busy server does. */
  refuseNext(count: number): void;
  /** Holds the next message's MAIL FROM unanswered until released (nothing is accepted yet): `arrived` resolves when it comes. */
  holdNext(): { readonly arrived: Promise<void>; release(): void };
  stop(): Promise<void>;
}

export interface TestSmtpOptions {
  /** The login it accepts; without one any client may submit. */
  readonly user?: string;
  readonly password?: string;
}

export async function startTestSmtp(options: TestSmtpOptions = {}): Promise<TestSmtp> {
  const received: ReceivedMail[] = [];
  const waiters = new Set<() => void>();
  let refusals = 0;
  let hold: { arrive: () => void; released: Promise<void> } | undefined;
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    // Plain-text login is fine on loopback (Afterword allows no TLS only there).
    allowInsecureAuth: true,
    authOptional: options.user === undefined,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === options.user && auth.password === options.password) callback(null, { user: auth.username });
      else callback(new Error('Invalid username or password'));
    },
    onMailFrom(_address, _session, callback) {
      const held = hold;
      if (!held) {
        callback();
        return;
      }
      hold = undefined;
      held.arrive();
      void held.released.then(() => callback());
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (refusals > 0) {
          refusals--;
          const error = Object.assign(new Error('Try again later'), { responseCode: 451 });
          callback(error);
          return;
        }
        const mailFrom = session.envelope.mailFrom;
        received.push({
          from: mailFrom === false ? '' : mailFrom.address,
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks),
          ...(session.user !== undefined ? { user: session.user } : {}),
          at: Date.now(),
        });
        for (const wake of waiters) wake();
        callback(null);
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.server.address();
  if (address === null || typeof address === 'string') throw new Error('testing-smtp: no port');
  return {
    host: '127.0.0.1',
    port: address.port,
    received,
    refuseNext(count) {
      refusals = count;
    },
    holdNext() {
      let arrive = (): void => {};
      let release = (): void => {};
      const arrived = new Promise<void>((resolve) => { arrive = resolve; });
      const released = new Promise<void>((resolve) => { release = resolve; });
      hold = { arrive, released };
      return { arrived, release };
    },
    waitFor(count, timeoutMs = 10_000) {
      if (received.length >= count) return Promise.resolve(received);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`testing-smtp: ${received.length} of ${count} messages after ${timeoutMs} ms`));
        }, timeoutMs);
        const check = (): void => {
          if (received.length < count) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(received);
        };
        waiters.add(check);
      });
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
