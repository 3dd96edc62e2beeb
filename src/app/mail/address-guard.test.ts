/**
 * The shared server's check of mail servers' addresses (address-guard.ts): which addresses are the
 * server's own machine or network, and the guard over a resolver given by the test: every address of
 * a name is checked, the refusal names the field and the fix, and the endpoint comes back pinned to
 * the address checked, which imapflow's options then connect to with the name kept for TLS.
 */
import { describe, expect, it } from 'vitest';
import { addressGuard, isPrivateAddress, type ResolveHost } from './address-guard.js';
import { CLI_FIELDS, FORM_FIELDS, imapOptions } from './connect.js';
import { reachOf } from './send.js';

describe('isPrivateAddress', () => {
  it.each([
    '127.0.0.1', '127.8.9.10', '10.0.0.1', '172.16.0.1', '172.31.255.255', '192.168.1.20', '169.254.169.254', '0.0.0.0', '100.64.0.1',
    '224.0.0.251', '255.255.255.255', '::', '::1', '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:10.0.0.1', '::127.0.0.1',
    'fd12:3456::1', 'fc00::1', 'fe80::1', 'fe80::1%eth0', 'ff02::1', '64:ff9b::a00:1', '2002:c0a8:0101::1', 'not an address',
  ])('%s is this machine or a private network', (ip) => {
    expect(isPrivateAddress(ip)).toBe(true);
  });

  it.each(['93.184.215.14', '8.8.8.8', '172.32.0.1', '172.15.255.255', '100.128.0.1', '2606:4700:4700::1111', '::ffff:93.184.215.14', '2a00:1450:4001:81b::200e'])(
    '%s is on the open internet', (ip) => {
      expect(isPrivateAddress(ip)).toBe(false);
    },
  );
});

const endpoint = { host: 'imap.example.com', port: 993, security: 'tls' } as const;

function resolver(names: Readonly<Record<string, readonly string[]>>): ResolveHost {
  return async (host) => {
    const found = names[host];
    if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return found;
  };
}

describe('addressGuard', () => {
  it('pins a public name to the address it checked; TLS still checks the name', async () => {
    const guard = addressGuard({ resolve: resolver({ 'imap.example.com': ['93.184.215.14', '2606:2800:21f::1'] }) });
    const pinned = await guard(endpoint, 'imapHost', FORM_FIELDS);
    expect(pinned).toEqual({ ...endpoint, connectTo: '93.184.215.14' });
    expect(reachOf(pinned)).toEqual({ host: '93.184.215.14', servername: 'imap.example.com', loopback: false });
    expect(imapOptions(pinned, { user: 'jordan', password: 'secret' })).toMatchObject({ host: '93.184.215.14', servername: 'imap.example.com', secure: true });
  });

  it('refuses a name when any of its addresses is private, naming the field and the fix', async () => {
    const guard = addressGuard({ resolve: resolver({ 'imap.example.com': ['93.184.215.14', '10.1.2.3'], 'smtp.example.com': ['::ffff:192.168.4.4'] }) });
    await expect(guard(endpoint, 'imapHost', FORM_FIELDS)).rejects.toMatchObject({
      code: 'bad_input', field: 'imapHost', reason: 'mail.own_network',
      message: 'IMAP server: imap.example.com leads to 10.1.2.3, an address of this shared server\'s own machine or network, not your mail provider; give your provider\'s server, such as imap.fastmail.com',
    });
    await expect(guard({ host: 'smtp.example.com', port: 587, security: 'starttls' }, 'smtpHost', CLI_FIELDS)).rejects.toMatchObject({
      message: '--smtp-host: smtp.example.com leads to ::ffff:192.168.4.4, an address of this shared server\'s own machine or network, not your mail provider; give your provider\'s server, such as smtp.fastmail.com',
    });
  });

  it('refuses a private address written as such without asking the resolver; an unknown name says so', async () => {
    const asked: string[] = [];
    const guard = addressGuard({ resolve: async (host) => { asked.push(host); throw Object.assign(new Error('nope'), { code: 'ENOTFOUND' }); } });
    await expect(guard({ ...endpoint, host: '192.168.1.20' }, 'imapHost', FORM_FIELDS)).rejects.toThrow(
      'IMAP server: 192.168.1.20 is this shared server\'s own machine or network, not your mail provider; give your provider\'s server, such as imap.fastmail.com',
    );
    expect(asked).toEqual([]);
    await expect(guard(endpoint, 'imapHost', FORM_FIELDS)).rejects.toMatchObject({ code: 'bad_input', message: 'IMAP server: no server is called imap.example.com; check the spelling' });
  });

  it('a lookup that fails for now is worth trying again (unavailable, not bad input)', async () => {
    const guard = addressGuard({ resolve: async () => { throw Object.assign(new Error('timeout'), { code: 'EAI_AGAIN' }); } });
    await expect(guard(endpoint, 'imapHost', FORM_FIELDS)).rejects.toMatchObject({
      code: 'unavailable', message: 'IMAP server: the name imap.example.com could not be looked up just now; try again in a minute',
    });
  });
});
