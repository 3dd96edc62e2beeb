/**
 * One load-generator process of bench/server.bench.ts (bundled by it, run by plain `node`).
 *
 *   node server-load.mjs CONFIG.json RESULT.json
 *
 * Each client is one signed-in job seeker on its own keep-alive connection, closed loop: send a
 * request, wait for the whole answer, think (uniform in [thinkMinMs, thinkMaxMs]), repeat. A
 * request is a write (POST a touch to one of the seeker's applications) with probability
 * `writeShare`, else a read of the agenda (GET /api/today). Latency runs from the request's start
 * to the last byte of its answer. Only requests started after the warm-up and before the end
 * count in the latencies and the throughput; every acknowledged write (201) counts in the tally the
 * bench checks against the database: per seeker, how many and the sum of md5(text)'s first 32 bits.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { Random } from './generate.js';

export interface LoadApplication {
  readonly id: string;
  readonly company: string;
  readonly role: string;
}

export interface LoadClient {
  readonly seeker: string;
  readonly token: string;
  readonly csrf: string;
  readonly applications: readonly LoadApplication[];
  /** The server process this client talks to (several behind one address, as a load balancer spreads them); default the config's. */
  readonly port?: number;
}

export interface LoadConfig {
  readonly port: number;
  readonly warmupSeconds: number;
  readonly seconds: number;
  readonly thinkMinMs: number;
  readonly thinkMaxMs: number;
  readonly writeShare: number;
  readonly timeoutMs: number;
  /** Marks this run's touches: `[afterword-bench RUN …]`. */
  readonly runId: string;
  readonly seed: number;
  readonly clients: readonly LoadClient[];
}

export interface Tally {
  count: number;
  checksum: number;
}

export interface LoadResult {
  /** Latencies (ms) of the measured requests that succeeded or failed with a status. */
  readonly reads: number[];
  readonly writes: number[];
  /** Measured requests, successful or not (network errors included). */
  measured: number;
  /** Every request, warm-up included. */
  sent: number;
  readonly errors: Record<string, number>;
  readonly errorSamples: string[];
  readonly acked: Record<string, Tally>;
  /** Writes sent that got no 201 (their touch may or may not be stored). */
  unacked: number;
  readonly cpuMs: number;
}

/** The bench's hash of a written text: md5's first 32 bits, as SQL computes it from the stored text. */
export function textHash(text: string): number {
  return Number.parseInt(createHash('md5').update(text, 'utf8').digest('hex').slice(0, 8), 16);
}

interface Answer {
  readonly status: number;
  readonly body: string;
}

/**
 * One keep-alive HTTP/1.1 connection, spoken directly on its socket: the request written in one
 * piece, the answer read by Content-Length or chunks. Node's http client cost ≈ 0.5 ms a request
 * here, a fifth of the answers it timed; psql, the other side of the comparison, is C.
 */
export class Connection {
  private socket: net.Socket | undefined;
  private buffer: Buffer = Buffer.alloc(0);
  private waiting: { resolve: (a: Answer) => void; reject: (e: Error) => void } | undefined;

  constructor(private readonly port: number) {}

  private open(): net.Socket {
    const socket = net.connect({ host: '127.0.0.1', port: this.port, noDelay: true });
    socket.on('data', (chunk: Buffer) => {
      this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
      this.parse();
    });
    const lost = (error: Error): void => {
      this.socket = undefined;
      this.buffer = Buffer.alloc(0);
      const w = this.waiting;
      this.waiting = undefined;
      w?.reject(error);
    };
    socket.on('error', lost);
    socket.on('close', () => lost(new Error('the server closed the connection')));
    return socket;
  }

  /** An answer is complete in the buffer: hand it over. */
  private parse(): void {
    const w = this.waiting;
    if (!w) return;
    const headEnd = this.buffer.indexOf('\r\n\r\n');
    if (headEnd < 0) return;
    const head = this.buffer.subarray(0, headEnd).toString('latin1');
    const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);
    const length = /\r\ncontent-length: *(\d+)/i.exec(head);
    let body: Buffer;
    let used: number;
    if (length) {
      used = headEnd + 4 + Number(length[1]);
      if (this.buffer.length < used) return;
      body = this.buffer.subarray(headEnd + 4, used);
    } else if (/\r\ntransfer-encoding: *chunked/i.test(head)) {
      const parts: Buffer[] = [];
      let at = headEnd + 4;
      for (;;) {
        const lineEnd = this.buffer.indexOf('\r\n', at);
        if (lineEnd < 0) return;
        const size = Number.parseInt(this.buffer.subarray(at, lineEnd).toString('latin1'), 16);
        if (this.buffer.length < lineEnd + 2 + size + 2) return;
        if (size === 0) {
          used = lineEnd + 4;
          break;
        }
        parts.push(this.buffer.subarray(lineEnd + 2, lineEnd + 2 + size));
        at = lineEnd + 2 + size + 2;
      }
      body = Buffer.concat(parts);
    } else {
      w.reject(new Error(`an answer with neither Content-Length nor chunks: ${head.slice(0, 200)}`));
      this.waiting = undefined;
      return;
    }
    this.buffer = this.buffer.subarray(used);
    this.waiting = undefined;
    w.resolve({ status, body: body.toString('utf8') });
  }

  send(method: string, path: string, headers: Readonly<Record<string, string>>, body: string | undefined, timeoutMs: number): Promise<Answer> {
    this.socket ??= this.open();
    const socket = this.socket;
    const payload = body === undefined ? undefined : Buffer.from(body, 'utf8');
    let text = `${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1:${this.port}\r\n`;
    for (const [k, v] of Object.entries(headers)) text += `${k}: ${v}\r\n`;
    if (payload) text += `Content-Length: ${payload.length}\r\n`;
    text += '\r\n';
    return new Promise<Answer>((resolve, reject) => {
      const timer = setTimeout(() => {
        socket.destroy(new Error(`no answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiting = {
        resolve: (a) => { clearTimeout(timer); resolve(a); },
        reject: (e) => { clearTimeout(timer); reject(e); },
      };
      socket.write(payload ? Buffer.concat([Buffer.from(text, 'latin1'), payload]) : text);
    });
  }

  close(): void {
    this.socket?.destroy();
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function runLoad(config: LoadConfig): Promise<LoadResult> {
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  const measureFrom = t0 + config.warmupSeconds * 1000;
  const end = measureFrom + config.seconds * 1000;
  const result: LoadResult = { reads: [], writes: [], measured: 0, sent: 0, errors: {}, errorSamples: [], acked: {}, unacked: 0, cpuMs: 0 };
  const fail = (what: string, detail: string): void => {
    result.errors[what] = (result.errors[what] ?? 0) + 1;
    if (result.errorSamples.length < 10) result.errorSamples.push(`${what}: ${detail.slice(0, 300)}`);
  };

  async function client(c: LoadClient, index: number): Promise<void> {
    const connection = new Connection(c.port ?? config.port);
    const r = new Random(config.seed * 1_000_003 + index);
    const think = (): number => config.thinkMinMs + r.float() * (config.thinkMaxMs - config.thinkMinMs);
    const cookie = `afterword_session=${c.token}`;
    let written = 0;
    // Staggered starts: the clients do not all ask at the same instant.
    await sleep(r.float() * config.thinkMaxMs);
    while (performance.now() < end) {
      const write = c.applications.length > 0 && r.chance(config.writeShare);
      let method = 'GET';
      let path = '/api/today';
      let body: string | undefined;
      let text = '';
      const headers: Record<string, string> = { Cookie: cookie };
      if (write) {
        const app = r.pick(c.applications);
        written++;
        // Names this application's company and role and no other (L8); P2 confirmed, as the UI does after asking.
        text = `Quick update for ${app.company}: I remain keen on the ${app.role} role and can share more. [afterword-bench ${config.runId} ${c.seeker} ${written}]`;
        method = 'POST';
        path = `/api/applications/${encodeURIComponent(app.id)}/touches`;
        body = JSON.stringify({ kind: 'update', channel: 'email', outcome: 'sent', text, confirm: ['P2'] });
        headers['Content-Type'] = 'application/json';
        headers['X-Afterword-CSRF'] = c.csrf;
      }
      const started = performance.now();
      const counted = started >= measureFrom;
      result.sent++;
      if (counted) result.measured++;
      try {
        const answer = await connection.send(method, path, headers, body, config.timeoutMs);
        const ms = performance.now() - started;
        if (counted) (write ? result.writes : result.reads).push(ms);
        const ok = write ? answer.status === 201 : answer.status === 200;
        if (!ok) fail(`${method} ${write ? '/api/applications/:id/touches' : path} → ${answer.status}`, answer.body);
        if (write) {
          if (ok) {
            const tally = result.acked[c.seeker] ?? { count: 0, checksum: 0 };
            tally.count++;
            tally.checksum += textHash(text);
            result.acked[c.seeker] = tally;
          } else {
            result.unacked++;
          }
        }
      } catch (error) {
        fail(`${method} ${write ? '/api/applications/:id/touches' : path} → network error`, error instanceof Error ? error.message : String(error));
        if (write) result.unacked++;
      }
      if (performance.now() < end) await sleep(think());
    }
    connection.close();
  }

  await Promise.all(config.clients.map((c, i) => client(c, i)));
  const used = process.cpuUsage(cpu);
  return { ...result, cpuMs: (used.user + used.system) / 1000 };
}

async function main(): Promise<void> {
  const [configFile, resultFile] = process.argv.slice(2);
  if (configFile === undefined || resultFile === undefined) throw new Error('usage: server-load CONFIG.json RESULT.json');
  const config = JSON.parse(readFileSync(configFile, 'utf8')) as LoadConfig;
  const result = await runLoad(config);
  writeFileSync(resultFile, JSON.stringify(result));
}

// Bundled as its own entry point; imported by the bench only for its types and textHash.
if (process.argv[1]?.endsWith('server-load.mjs')) {
  main().catch((error: unknown) => {
    process.stderr.write(`server-load: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    process.exit(1);
  });
}
