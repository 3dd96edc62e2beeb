/**
 * A shared server's guard on the mail servers its job seekers name (issue 16, item 5): the server,
 * not the seeker's computer, connects to them, so a name that leads to the server's own machine or
 * network (loopback, private, link-local, unique-local, unspecified, shared and multicast addresses,
 * also written as IPv4-mapped IPv6) is refused, whether written as an address or as a name that
 * resolves to one. Every address of a name is checked, and the connection then goes to the address
 * checked (`MailEndpoint.connectTo`, TLS still verifying the name), so a name that resolves to a public
 * address for the check and a private one a moment later (DNS rebinding) is never followed there.
 */
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { AppError, Problem } from '../errors.js';
import { settingError, type EndpointGuard } from './connect.js';

/** A name's addresses, all of them (the resolver is a dependency: tests give their own). */
export type ResolveHost = (host: string) => Promise<readonly string[]>;

/** The system's resolver (getaddrinfo: the hosts file, then DNS), as the mail libraries would use it. */
export const systemResolve: ResolveHost = async (host) => (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);

/** IPv4 ranges that are not the open internet: [first octets as a number, prefix length]. */
const V4_BLOCKED: readonly (readonly [string, number])[] = [
  ['0.0.0.0', 8], // this network, unspecified
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // shared address space (carrier NAT)
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local
  ['172.16.0.0', 12],
  ['192.0.0.0', 24], // protocol assignments
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // network benchmarks
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
];

function v4Number(ip: string): number | undefined {
  const parts = ip.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return undefined;
  return parts.reduce((n, p) => n * 256 + Number(p), 0);
}

function v4Blocked(ip: string): boolean {
  const n = v4Number(ip);
  if (n === undefined) return true;
  return V4_BLOCKED.some(([base, bits]) => Math.floor(n / 2 ** (32 - bits)) === Math.floor((v4Number(base) ?? 0) / 2 ** (32 - bits)));
}

/** An IPv6 address as its eight 16-bit groups (a dotted IPv4 tail as two); undefined when it is none. */
function v6Groups(ip: string): number[] | undefined {
  let text = ip.replace(/^\[|\]$/g, '').replace(/%.*$/, '').toLowerCase();
  const dotted = /(\d{1,3}(?:\.\d{1,3}){3})$/.exec(text);
  if (dotted?.[1] !== undefined) {
    const n = v4Number(dotted[1]);
    if (n === undefined) return undefined;
    text = `${text.slice(0, -dotted[1].length)}${Math.floor(n / 65536).toString(16)}:${(n % 65536).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const split = (s: string) => (s === '' ? [] : s.split(':'));
  const head = split(halves[0] ?? '');
  const tail = halves.length === 2 ? split(halves[1] ?? '') : [];
  const fill = halves.length === 2 ? 8 - head.length - tail.length : 0;
  if (fill < 0 || (halves.length === 1 && head.length !== 8)) return undefined;
  const groups = [...head, ...Array<string>(fill).fill('0'), ...tail];
  if (groups.length !== 8 || !groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return undefined;
  return groups.map((g) => parseInt(g, 16));
}

function v4Of(high: number, low: number): string {
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

/**
 * Whether `ip` is an address of this machine or a private network rather than the open internet
 * (see the module comment); anything that is not an address at all counts as private.
 */
export function isPrivateAddress(ip: string): boolean {
  if (isIP(ip) === 4) return v4Blocked(ip);
  const g = v6Groups(ip);
  if (!g) return true;
  const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0, h = 0, i = 0] = g;
  // ::, ::1, and the deprecated IPv4-compatible ::a.b.c.d
  if (a === 0 && b === 0 && c === 0 && d === 0 && e === 0 && f === 0) return h === 0 || v4Blocked(v4Of(h, i));
  // IPv4-mapped ::ffff:a.b.c.d and the NAT64 prefix 64:ff9b::a.b.c.d: the IPv4 address decides.
  if (a === 0 && b === 0 && c === 0 && d === 0 && e === 0 && f === 0xffff) return v4Blocked(v4Of(h, i));
  if (a === 0x64 && b === 0xff9b && c === 0 && d === 0 && e === 0 && f === 0) return v4Blocked(v4Of(h, i));
  // 6to4 2002:a.b.c.d::/48 carries an IPv4 address too.
  if (a === 0x2002) return v4Blocked(v4Of(b, c));
  if ((a & 0xfe00) === 0xfc00) return true; // unique-local fc00::/7
  if ((a & 0xffc0) === 0xfe80 || (a & 0xffc0) === 0xfec0) return true; // link-local, old site-local
  if ((a & 0xff00) === 0xff00) return true; // multicast
  return false;
}

export interface AddressGuardOptions {
  /** Default: the system's resolver. */
  readonly resolve?: ResolveHost;
  /** Which addresses may be contacted (default: those that are not private). Tests allow their own loopback server. */
  readonly allow?: (ip: string) => boolean;
}

function example(key: 'imapHost' | 'smtpHost'): string {
  return key === 'smtpHost' ? 'smtp.fastmail.com' : 'imap.fastmail.com';
}

/** The guard a shared server puts in front of every connection it makes for a job seeker. */
export function addressGuard(options: AddressGuardOptions = {}): EndpointGuard {
  const resolve = options.resolve ?? systemResolve;
  const allow = options.allow ?? ((ip: string) => !isPrivateAddress(ip));
  return async (server, key, names) => {
    const refuse = (problem: Problem, cause?: unknown): AppError => settingError(key, names, problem, cause);
    const host = server.host.replace(/^\[|\]$/g, '');
    const literal = isIP(host) !== 0;
    let addresses: readonly string[];
    if (literal) addresses = [host];
    else {
      try {
        addresses = await resolve(host);
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        if (code === 'EAI_AGAIN' || code === 'ETIMEOUT' || code === 'ECONNREFUSED') throw refuse({ reason: 'mail.lookup_failed', params: { host } }, error);
        throw refuse({ reason: 'mail.no_such_host', params: { host } }, error);
      }
    }
    if (addresses.length === 0) throw refuse({ reason: 'mail.no_such_host', params: { host } });
    const refused = addresses.find((ip) => !allow(ip));
    if (refused !== undefined) {
      throw refuse({ reason: 'mail.own_network', params: { host, example: example(key), ...(literal || host === 'localhost' ? {} : { address: refused }) } });
    }
    const [first] = addresses;
    return first === undefined ? server : { ...server, connectTo: first };
  };
}
