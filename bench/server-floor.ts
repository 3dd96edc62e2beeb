/**
 * The floor bench/server.bench.ts sets beside the agenda endpoint: the least any HTTP endpoint that
 * sends the bare query pays on this machine. A plain `node:http` server whose every request runs
 * the recorded statement of `agendaRecords` by name on a pg pool set up as the store's (same size,
 * same connection options) and answers its row as JSON: no session, no planning, no rendering, no
 * request log. Bundled and run by plain node like server-child.ts.
 *
 *   node server-floor.mjs --database-url URL --statement FILE   (FILE: JSON { "text", "values" })
 *
 * Tells its parent the port (IPC `{ port }`); exits on SIGTERM.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';

function arg(name: string): string {
  const i = process.argv.indexOf(name);
  const value = i >= 0 ? process.argv[i + 1] : undefined;
  if (value === undefined) throw new Error(`${name} is required`);
  return value;
}

const statement = JSON.parse(readFileSync(arg('--statement'), 'utf8')) as { text: string; values: unknown[] };
const pool = new pg.Pool({ connectionString: arg('--database-url'), max: 10, options: '-c datestyle=ISO,MDY' });
const server = http.createServer((req, res) => {
  req.resume();
  pool.query({ name: 'floor', text: statement.text, values: statement.values }).then((result) => {
    const body = JSON.stringify(result.rows);
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
  }, (error: unknown) => {
    res.writeHead(500, { 'Content-Type': 'text/plain' });
    res.end(String(error));
  });
});
server.listen(0, '127.0.0.1', () => process.send?.({ port: (server.address() as AddressInfo).port }));
process.once('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
  void pool.end().then(() => process.exit(0));
});
