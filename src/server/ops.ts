/**
 * Running behind a reverse proxy: whom to believe about the client's address and scheme
 * (X-Forwarded-For, X-Forwarded-Proto), and the request log's line. Pure: no sockets, no clock.
 */
import { BlockList, isIP } from 'node:net';
import { AppError } from '../app/errors.js';

export type TrustProxy =
  /** Believe the nearest `hops` proxies (0: nobody; the socket's peer is the client). */
  | { readonly kind: 'hops'; readonly hops: number }
  /** Believe a peer only when it is one of these addresses or subnets. */
  | { readonly kind: 'addresses'; readonly addresses: readonly string[]; readonly includes: (address: string) => boolean };

export const TRUST_NOBODY: TrustProxy = Object.freeze({ kind: 'hops', hops: 0 });

/** What a request says about where it came from. */
export interface Forwarded {
  /** The socket's remote address; undefined once the socket is gone. */
  readonly peer: string | undefined;
  readonly forwardedFor?: string | undefined;
  readonly forwardedProto?: string | undefined;
}

/**
 * Reads `--trust-proxy`: a whole number of hops, or a comma list of IP addresses and CIDR
 * subnets. Throws AppError('bad_input') naming `name` (the flag, or the variable it came from).
 */
export function parseTrustProxy(text: string, name = '--trust-proxy'): TrustProxy {
  const value = text.trim();
  if (/^\d{1,3}$/.test(value)) return Number(value) === 0 ? TRUST_NOBODY : { kind: 'hops', hops: Number(value) };
  if (/^(true|yes|all|\*)$/i.test(value)) {
    // Trusting every hop lets any client name its own address (the leftmost X-Forwarded-For entry).
    throw new AppError({ reason: 'trust_proxy.everyone', params: { value } }, { at: name });
  }
  if (value === '') throw new AppError({ reason: 'trust_proxy.empty' }, { at: name });
  const list = new BlockList();
  const addresses = value.split(',').map((entry) => {
    const address = addEntry(list, entry.trim());
    if (address === undefined) throw new AppError({ reason: 'trust_proxy.not_address', params: { value: entry.trim() } }, { at: name });
    return address;
  });
  return { kind: 'addresses', addresses, includes: (address) => list.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4') };
}

/** Adds an address or `address/prefix` to `list`; returns its canonical text, or undefined when malformed. */
function addEntry(list: BlockList, entry: string): string | undefined {
  const [base = '', prefix, extra] = entry.split('/');
  const address = canonicalAddress(base.replace(/^\[(.*)\]$/, '$1'));
  if (address === undefined || extra !== undefined) return undefined;
  const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
  if (prefix === undefined) {
    list.addAddress(address, type);
    return address;
  }
  const bits = Number(prefix);
  if (!/^\d{1,3}$/.test(prefix) || bits > (type === 'ipv6' ? 128 : 32)) return undefined;
  list.addSubnet(address, bits, type);
  return `${address}/${bits}`;
}

/** An IP address as we compare and log it: IPv4-mapped IPv6 as plain IPv4, IPv6 in lower case; undefined when malformed. */
export function canonicalAddress(text: string): string | undefined {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(text)?.[1];
  const address = mapped ?? text;
  const version = isIP(address);
  return version === 4 ? address : version === 6 ? address.toLowerCase() : undefined;
}

/** One X-Forwarded-For entry: an address, optionally with a port as some proxies write it (`1.2.3.4:5678`, `[::1]:443`). */
function forwardedAddress(entry: string): string | undefined {
  const text = entry.trim();
  const v4WithPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/.exec(text)?.[1];
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(text)?.[1];
  return canonicalAddress(v4WithPort ?? bracketed ?? text);
}

function trusts(trust: TrustProxy, address: string, hop: number): boolean {
  return trust.kind === 'hops' ? hop < trust.hops : trust.includes(address);
}

/**
 * Walks X-Forwarded-For from the right (nearest hop first) while the address that sent it is
 * trusted. Returns the client and how many entries were believed; a malformed entry ends the walk,
 * so the client is then the last hop we could read.
 */
function walk(trust: TrustProxy, forwarded: Forwarded): { client: string; believed: number } | undefined {
  const peer = forwarded.peer === undefined ? undefined : canonicalAddress(forwarded.peer);
  if (peer === undefined) return undefined;
  const chain = forwarded.forwardedFor?.split(',') ?? [];
  let client = peer;
  let believed = 0;
  while (believed < chain.length && trusts(trust, client, believed)) {
    const next = forwardedAddress(chain[chain.length - 1 - believed] ?? '');
    if (next === undefined) break;
    client = next;
    believed++;
  }
  return { client, believed };
}

/** The client's address: the socket's peer, or the entry of X-Forwarded-For the trusted proxies vouch for. */
export function clientAddress(trust: TrustProxy, forwarded: Forwarded): string | undefined {
  return walk(trust, forwarded)?.client;
}

/**
 * Whether the client used HTTPS, as X-Forwarded-Proto says when the socket's peer is trusted.
 * When proxies append to it, as to X-Forwarded-For, the value read is the one written by the
 * farthest proxy believed: a client cannot prepend "https" past a proxy that appends.
 */
export function forwardedSecure(trust: TrustProxy, forwarded: Forwarded): boolean {
  const peer = canonicalAddress(forwarded.peer ?? '');
  if (peer === undefined || forwarded.forwardedProto === undefined || !trusts(trust, peer, 0)) return false;
  const believed = walk(trust, forwarded)?.believed ?? 0;
  const protos = forwarded.forwardedProto.split(',').map((p) => p.trim().toLowerCase());
  return protos[Math.max(0, protos.length - Math.max(1, believed))] === 'https';
}

/** One request as the request log records it. */
export interface RequestRecord {
  readonly time: Date;
  readonly method: string;
  /** The URL's path only: queries can hold keys and tokens. */
  readonly path: string;
  /** 499 when the connection closed before any of the response went out. */
  readonly status: number;
  readonly ms: number;
  readonly ip?: string | undefined;
  readonly user?: string | undefined;
  /** Bytes written to the socket for the response, headers included. */
  readonly bytes?: number | undefined;
  /** The connection closed before the response was complete (the client left, or shutdown cut it). */
  readonly aborted?: boolean | undefined;
}

/** The request log's JSON line (no newline): never bodies, cookies or queries. */
export function requestLogLine(record: RequestRecord): string {
  return JSON.stringify({
    time: record.time.toISOString(), level: record.status >= 500 ? 'error' : 'info', method: record.method, path: record.path, status: record.status,
    ms: Math.round(record.ms * 10) / 10, ip: record.ip, user: record.user, bytes: record.bytes, aborted: record.aborted || undefined,
  });
}
