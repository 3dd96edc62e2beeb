/** Drafts as .eml files read back by a mail parser, and mailto: links decoded the way mail programs do. */
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { mailtoLink, renderEml, type EmlMessage } from './eml.js';

const base: EmlMessage = {
  from: { name: 'Jordan Lee', address: 'jordan@example.com' },
  to: [{ name: 'Grace Okafor', address: 'g.okafor@acme.example' }],
  cc: [],
  subject: 'Thank you for Tuesday',
  text: 'Dear Dr. Okafor,\n\nThank you for your time.\n\nSincerely,\nJordan Lee',
  date: Date.UTC(2026, 2, 3, 20, 0), // Tue 2026-03-03 15:00 New York
};

const addresses = (value: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(value) ? value : value ? [value] : []).flatMap((a) => a.value.map((v) => ({ name: v.name, address: v.address })));

async function roundTrip(message: EmlMessage): Promise<{ raw: string; mail: ParsedMail }> {
  const bytes = await renderEml(message);
  return { raw: bytes.toString('latin1'), mail: await simpleParser(bytes) };
}

describe('renderEml', () => {
  it('writes From, To, Cc, Subject, Date and the text, with CRLF line ends and the draft mark', async () => {
    const { raw, mail } = await roundTrip({ ...base, cc: [{ name: 'Sam Reyes', address: 'sam@acme.example' }] });
    expect(addresses(mail.from)).toEqual([{ name: 'Jordan Lee', address: 'jordan@example.com' }]);
    expect(addresses(mail.to)).toEqual([{ name: 'Grace Okafor', address: 'g.okafor@acme.example' }]);
    expect(addresses(mail.cc)).toEqual([{ name: 'Sam Reyes', address: 'sam@acme.example' }]);
    expect(mail.subject).toBe('Thank you for Tuesday');
    expect(mail.text?.trimEnd()).toBe(base.text);
    expect(mail.date?.toISOString()).toBe('2026-03-03T20:00:00.000Z');
    expect(mail.headers.get('x-unsent')).toBe('1');
    expect(raw.replace(/\r\n/g, '')).not.toContain('\n');
    expect(raw.includes('\r\n\r\n')).toBe(true);
  });

  it('keeps the Message-ID it is given, and leaves out the draft mark for a message to send', async () => {
    const { mail } = await roundTrip({ ...base, messageId: '<outbox-7.1f2e@example.com>', draft: false });
    expect(mail.messageId).toBe('<outbox-7.1f2e@example.com>');
    expect(mail.headers.has('x-unsent')).toBe(false);
    const again = await roundTrip({ ...base, messageId: '<outbox-7.1f2e@example.com>', draft: false });
    expect(again.raw).toBe((await roundTrip({ ...base, messageId: '<outbox-7.1f2e@example.com>', draft: false })).raw);
  });

  it('non-ASCII names, subject and text survive (Zoë Ñúñez)', async () => {
    const { raw, mail } = await roundTrip({
      ...base,
      to: [{ name: 'Zoë Ñúñez', address: 'zoe@empresa.example' }],
      cc: [{ name: '山田 太郎', address: 'yamada@kaisha.example' }],
      subject: 'Gracias por la entrevista — Zoë',
      text: 'Estimada Sra. Ñúñez:\n\nMuchas gracias. 感谢 🙂\n',
    });
    expect(addresses(mail.to)).toEqual([{ name: 'Zoë Ñúñez', address: 'zoe@empresa.example' }]);
    expect(addresses(mail.cc)).toEqual([{ name: '山田 太郎', address: 'yamada@kaisha.example' }]);
    expect(mail.subject).toBe('Gracias por la entrevista — Zoë');
    expect(mail.text?.trimEnd()).toBe('Estimada Sra. Ñúñez:\n\nMuchas gracias. 感谢 🙂');
    // Headers are 7-bit: encoded words, not raw UTF-8.
    const head = raw.slice(0, raw.indexOf('\r\n\r\n'));
    expect([...head].every((c) => c.charCodeAt(0) < 0x80)).toBe(true);
  });

  it('long lines are wrapped on the wire and come back whole', async () => {
    const long = `${'word '.repeat(400).trim()} ${'x'.repeat(1500)}`;
    const { raw, mail } = await roundTrip({ ...base, subject: `Re: ${'long subject '.repeat(20).trim()}`, text: long });
    expect(Math.max(...raw.split('\r\n').map((l) => l.length))).toBeLessThanOrEqual(998);
    expect(mail.text?.trimEnd()).toBe(long);
    expect(mail.subject).toBe(`Re: ${'long subject '.repeat(20).trim()}`);
  });

  it('CR/LF in the subject or a name cannot create headers', async () => {
    const { raw, mail } = await roundTrip({
      ...base,
      to: [{ name: 'Grace\r\nBcc: spy@evil.example', address: 'g.okafor@acme.example' }],
      subject: 'Hello\r\nBcc: spy@evil.example\r\nX-Injected: yes\n\nbody',
    });
    expect(mail.headers.has('bcc')).toBe(false);
    expect(mail.headers.has('x-injected')).toBe(false);
    expect(mail.subject).toBe('Hello Bcc: spy@evil.example X-Injected: yes body');
    expect(addresses(mail.to)).toEqual([{ name: 'Grace Bcc: spy@evil.example', address: 'g.okafor@acme.example' }]);
    expect(raw).not.toMatch(/^(Bcc|X-Injected):/im);
  });

  it('refuses malformed addresses and a message without recipients', async () => {
    await expect(renderEml({ ...base, to: [{ address: 'g.okafor@acme.example\r\nBcc: spy@evil.example' }] })).rejects.toThrow(AppError);
    await expect(renderEml({ ...base, cc: [{ address: 'not an address' }] })).rejects.toThrow(/cc\[0\]: "not an address" is not an email address/);
    await expect(renderEml({ ...base, to: [] })).rejects.toThrow(/at least one recipient/);
  });

  it('without draft: false there is no X-Unsent header', async () => {
    const { mail } = await roundTrip({ ...base, draft: false });
    expect(mail.headers.has('x-unsent')).toBe(false);
  });
});

describe('mailtoLink', () => {
  const parse = (link: string) => {
    const url = new URL(link);
    const params = new Map<string, string>();
    for (const part of url.search.slice(1).split('&').filter(Boolean)) {
      const eq = part.indexOf('=');
      params.set(part.slice(0, eq), decodeURIComponent(part.slice(eq + 1)));
    }
    return { to: decodeURIComponent(url.pathname), params };
  };

  it('percent-encodes subject and body as UTF-8, spaces as %20 and line breaks as %0D%0A', () => {
    const link = mailtoLink({
      to: [{ name: 'Zoë Ñúñez', address: 'zoe@empresa.example' }, 'sam@acme.example'],
      cc: ['hr@acme.example'],
      subject: 'Gracias & saludos? 100% #1',
      body: 'Estimada Sra. Ñúñez:\n\nGracias.\r\nJordan',
    });
    expect(link).toBe(
      'mailto:zoe@empresa.example,sam@acme.example?cc=hr@acme.example'
      + '&subject=Gracias%20%26%20saludos%3F%20100%25%20%231'
      + '&body=Estimada%20Sra.%20%C3%91%C3%BA%C3%B1ez%3A%0D%0A%0D%0AGracias.%0D%0AJordan',
    );
    const back = parse(link);
    expect(back.to).toBe('zoe@empresa.example,sam@acme.example');
    expect(back.params.get('subject')).toBe('Gracias & saludos? 100% #1');
    expect(back.params.get('body')).toBe('Estimada Sra. Ñúñez:\r\n\r\nGracias.\r\nJordan');
  });

  it('addresses with URI delimiters are encoded; a subject cannot smuggle another field', () => {
    const link = mailtoLink({ to: ['a+b&c=d?e@x.example'], subject: 'x&bcc=spy@evil.example' });
    expect(link).toBe('mailto:a%2Bb%26c%3Dd%3Fe@x.example?subject=x%26bcc%3Dspy%40evil.example');
    const back = parse(link);
    expect(back.to).toBe('a+b&c=d?e@x.example');
    expect([...back.params.keys()]).toEqual(['subject']);
  });

  it('lone surrogates do not throw; empty fields are left out; bad addresses are refused', () => {
    expect(mailtoLink({ to: ['a@x.example'], subject: 'bad \uD800 half', body: '' })).toBe('mailto:a@x.example?subject=bad%20%EF%BF%BD%20half');
    expect(() => mailtoLink({ to: ['a@x.example', 'nope'] })).toThrow(/to\[1\]: "nope" is not an email address/);
  });
});
