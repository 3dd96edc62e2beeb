import { describe, expect, it } from 'vitest';
import { AppError } from '../app/errors.js';
import { canonicalAddress, clientAddress, forwardedSecure, parseTrustProxy, requestLogLine, TRUST_NOBODY, type Forwarded, type TrustProxy } from './ops.js';

const one = parseTrustProxy('1');
const two = parseTrustProxy('2');
const proxies = parseTrustProxy('10.0.0.5, 10.0.0.6,fd00::1,192.168.0.0/16');

describe('parseTrustProxy', () => {
  it.each([
    ['0', { kind: 'hops', hops: 0 }],
    ['1', { kind: 'hops', hops: 1 }],
    [' 3 ', { kind: 'hops', hops: 3 }],
  ])('reads %j as a number of hops', (text, expected) => {
    expect(parseTrustProxy(text)).toEqual(expected);
  });

  it('reads addresses and subnets, in canonical form', () => {
    expect(proxies).toMatchObject({ kind: 'addresses', addresses: ['10.0.0.5', '10.0.0.6', 'fd00::1', '192.168.0.0/16'] });
    expect(parseTrustProxy('[::1],::FFFF:127.0.0.1,2001:DB8::/32')).toMatchObject({ addresses: ['::1', '127.0.0.1', '2001:db8::/32'] });
  });

  it.each([
    ['', /^--trust-proxy: empty; give the number of proxies in front \(e\.g\. --trust-proxy 1\)/],
    ['true', /^--trust-proxy: "true" would believe any client about its address; give the number/],
    ['*', /would believe any client/],
    ['-1', /^--trust-proxy: "-1" is not an IP address or subnet; give the number of proxies/],
    ['1.5', /"1\.5" is not an IP address/],
    ['1000', /"1000" is not an IP address/],
    ['proxy.example', /"proxy\.example" is not an IP address/],
    ['10.0.0.5,', /"" is not an IP address/],
    ['10.0.0.256', /"10\.0\.0\.256" is not/],
    ['10.0.0.0/33', /"10\.0\.0\.0\/33" is not/],
    ['::1/129', /"::1\/129" is not/],
    ['10.0.0.0/8/8', /is not an IP address/],
    ['10.0.0.0/x', /is not an IP address/],
    ['10.0.0.5:80', /"10\.0\.0\.5:80" is not/],
  ])('refuses %j with a line naming the flag and the fix', (text, message) => {
    let thrown: unknown;
    try {
      parseTrustProxy(text);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect((thrown as AppError).code).toBe('bad_input');
    expect((thrown as AppError).message).toMatch(message);
    expect((thrown as AppError).message).not.toContain('\n');
  });

  it('names where the value came from', () => {
    expect(() => parseTrustProxy('nope', 'AFTERWORD_TRUST_PROXY')).toThrow(/^AFTERWORD_TRUST_PROXY: "nope"/);
  });
});

describe('canonicalAddress', () => {
  it.each([
    ['127.0.0.1', '127.0.0.1'],
    ['::ffff:127.0.0.1', '127.0.0.1'],
    ['::FFFF:10.1.2.3', '10.1.2.3'],
    ['FD00::AB', 'fd00::ab'],
    ['::1', '::1'],
    ['unknown', undefined],
    ['', undefined],
    ['1.2.3.4.5', undefined],
    [' 1.2.3.4', undefined],
  ])('%j → %j', (text, expected) => {
    expect(canonicalAddress(text)).toBe(expected);
  });
});

type Row = readonly [string, TrustProxy, Forwarded, string | undefined];

describe('clientAddress', () => {
  it.each<Row>([
    // Trusting nobody: the headers are ignored, whoever sends them.
    ['no proxy, no header', TRUST_NOBODY, { peer: '203.0.113.7' }, '203.0.113.7'],
    ['no trust: a spoofed header is ignored', TRUST_NOBODY, { peer: '203.0.113.7', forwardedFor: '1.2.3.4' }, '203.0.113.7'],
    ['no trust: IPv4-mapped peer', TRUST_NOBODY, { peer: '::ffff:127.0.0.1', forwardedFor: '1.2.3.4' }, '127.0.0.1'],
    ['no trust: IPv6 peer', TRUST_NOBODY, { peer: '2001:DB8::1' }, '2001:db8::1'],
    ['no peer (socket gone)', one, { peer: undefined, forwardedFor: '1.2.3.4' }, undefined],

    // One hop: the proxy appended the client's address last; what the client sent before it is not believed.
    ['1 hop', one, { peer: '10.0.0.5', forwardedFor: '198.51.100.9' }, '198.51.100.9'],
    ['1 hop: a spoofed entry before the real one', one, { peer: '10.0.0.5', forwardedFor: '6.6.6.6, 198.51.100.9' }, '198.51.100.9'],
    ['1 hop: many spoofed entries', one, { peer: '10.0.0.5', forwardedFor: '127.0.0.1,10.0.0.5 , 6.6.6.6,198.51.100.9' }, '198.51.100.9'],
    ['1 hop: no header (a direct client)', one, { peer: '10.0.0.5' }, '10.0.0.5'],
    ['1 hop: empty header', one, { peer: '10.0.0.5', forwardedFor: '' }, '10.0.0.5'],
    ['1 hop: garbage last entry → the proxy', one, { peer: '10.0.0.5', forwardedFor: '198.51.100.9, unknown' }, '10.0.0.5'],
    ['1 hop: trailing comma → the proxy', one, { peer: '10.0.0.5', forwardedFor: '198.51.100.9,' }, '10.0.0.5'],
    ['1 hop: an IPv6 client', one, { peer: '::1', forwardedFor: '2001:DB8::42' }, '2001:db8::42'],
    ['1 hop: bracketed IPv6 with port', one, { peer: '::1', forwardedFor: '[2001:db8::42]:51234' }, '2001:db8::42'],
    ['1 hop: IPv4 with port', one, { peer: '::1', forwardedFor: '198.51.100.9:51234' }, '198.51.100.9'],
    ['1 hop: IPv4-mapped client', one, { peer: '::ffff:10.0.0.5', forwardedFor: '::ffff:198.51.100.9' }, '198.51.100.9'],
    ['1 hop: an unbracketed IPv6 address is all address', one, { peer: '::1', forwardedFor: '2001:db8::42:1234' }, '2001:db8::42:1234'],

    // Two hops: the second-nearest entry; fewer entries than hops: the farthest one there is.
    ['2 hops', two, { peer: '10.0.0.5', forwardedFor: '6.6.6.6, 198.51.100.9, 10.0.0.6' }, '198.51.100.9'],
    ['2 hops, one entry', two, { peer: '10.0.0.5', forwardedFor: '198.51.100.9' }, '198.51.100.9'],
    ['2 hops: garbage in the middle stops at the last readable hop', two, { peer: '10.0.0.5', forwardedFor: '198.51.100.9, x, 10.0.0.6' }, '10.0.0.6'],

    // Addresses: believed only from a listed peer, then walked while the sender is listed.
    ['listed peer', proxies, { peer: '10.0.0.5', forwardedFor: '6.6.6.6, 198.51.100.9' }, '198.51.100.9'],
    ['unlisted peer: the header is not believed', proxies, { peer: '203.0.113.7', forwardedFor: '198.51.100.9' }, '203.0.113.7'],
    ['a client cannot pose as a listed proxy', proxies, { peer: '203.0.113.7', forwardedFor: '10.0.0.5' }, '203.0.113.7'],
    ['listed IPv4-mapped peer', proxies, { peer: '::ffff:10.0.0.6', forwardedFor: '198.51.100.9' }, '198.51.100.9'],
    ['listed IPv6 peer', proxies, { peer: 'FD00::1', forwardedFor: '2001:db8::42' }, '2001:db8::42'],
    ['listed subnet', proxies, { peer: '192.168.4.20', forwardedFor: '198.51.100.9' }, '198.51.100.9'],
    ['a chain of listed proxies', proxies, { peer: '10.0.0.5', forwardedFor: '6.6.6.6, 198.51.100.9, 192.168.1.1, 10.0.0.6' }, '198.51.100.9'],
    ['all listed: the farthest', proxies, { peer: '10.0.0.5', forwardedFor: '10.0.0.6' }, '10.0.0.6'],
    ['listed peer, garbage', proxies, { peer: '10.0.0.5', forwardedFor: '<script>' }, '10.0.0.5'],
  ])('%s', (_, trust, forwarded, expected) => {
    expect(clientAddress(trust, forwarded)).toBe(expected);
  });

  it('reads a very long header from the right only as far as it trusts', () => {
    const forwardedFor = `${Array.from({ length: 5000 }, () => 'junk').join(',')}, 198.51.100.9`;
    expect(clientAddress(one, { peer: '10.0.0.5', forwardedFor })).toBe('198.51.100.9');
  });
});

describe('forwardedSecure', () => {
  it.each<readonly [string, TrustProxy, Forwarded, boolean]>([
    ['no trust: a spoofed https is ignored', TRUST_NOBODY, { peer: '203.0.113.7', forwardedProto: 'https' }, false],
    ['1 hop: https', one, { peer: '10.0.0.5', forwardedFor: '198.51.100.9', forwardedProto: 'https' }, true],
    ['1 hop: case and spaces', one, { peer: '10.0.0.5', forwardedProto: ' HTTPS ' }, true],
    ['1 hop: http', one, { peer: '10.0.0.5', forwardedFor: '198.51.100.9', forwardedProto: 'http' }, false],
    ['1 hop: no header', one, { peer: '10.0.0.5', forwardedFor: '198.51.100.9' }, false],
    ['1 hop: garbage', one, { peer: '10.0.0.5', forwardedProto: 'https;evil' }, false],
    // The client prepended "https"; the one proxy appended what it saw.
    ['1 hop: a spoofed https before the appended http', one, { peer: '10.0.0.5', forwardedFor: '6.6.6.6, 198.51.100.9', forwardedProto: 'https, http' }, false],
    ['2 hops appending: the outer proxy terminated TLS', two, { peer: '10.0.0.5', forwardedFor: '198.51.100.9, 10.0.0.6', forwardedProto: 'https, http' }, true],
    ['listed peer', proxies, { peer: '::ffff:10.0.0.5', forwardedFor: '198.51.100.9', forwardedProto: 'https' }, true],
    ['unlisted peer', proxies, { peer: '203.0.113.7', forwardedFor: '198.51.100.9', forwardedProto: 'https' }, false],
    ['no peer', one, { peer: undefined, forwardedProto: 'https' }, false],
  ])('%s', (_, trust, forwarded, expected) => {
    expect(forwardedSecure(trust, forwarded)).toBe(expected);
  });
});

describe('requestLogLine', () => {
  const base = { time: new Date('2026-03-03T14:00:00.000Z'), method: 'GET', path: '/api/today', status: 200, ms: 12.345, ip: '127.0.0.1' };

  it('is one JSON line with the fields in order, ms to one decimal, absent fields left out', () => {
    expect(requestLogLine(base)).toBe('{"time":"2026-03-03T14:00:00.000Z","level":"info","method":"GET","path":"/api/today","status":200,"ms":12.3,"ip":"127.0.0.1"}');
    expect(JSON.parse(requestLogLine({ ...base, user: 'u1', bytes: 512, aborted: false }))).toEqual({
      time: '2026-03-03T14:00:00.000Z', level: 'info', method: 'GET', path: '/api/today', status: 200, ms: 12.3, ip: '127.0.0.1', user: 'u1', bytes: 512,
    });
  });

  it.each([[200, 'info'], [404, 'info'], [499, 'info'], [500, 'error'], [503, 'error']])('status %i is %s', (status, level) => {
    expect(JSON.parse(requestLogLine({ ...base, status }))).toMatchObject({ level });
  });

  it('marks a response cut short', () => {
    expect(JSON.parse(requestLogLine({ ...base, status: 499, aborted: true }))).toMatchObject({ status: 499, aborted: true });
  });

  it('keeps hostile text inside its JSON string', () => {
    const line = requestLogLine({ ...base, method: 'GET\n{"level":"error"}', path: '/a"\n\u2028b' });
    expect(line.split('\n')).toHaveLength(1);
    expect(JSON.parse(line)).toMatchObject({ method: 'GET\n{"level":"error"}', path: '/a"\n\u2028b' });
  });
});
