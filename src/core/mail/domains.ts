/**
 * Mail domains as the matcher reads them: the registrable part of a host (acme.co.uk of
 * mail.acme.co.uk), the providers whose addresses say nothing about an employer (gmail.com), the
 * hiring systems and job boards that write on an employer's behalf (greenhouse.io), and lookalikes
 * of a known domain (examp1e.com, exаmple.com with a Cyrillic а, ex-ample.com), which never match.
 */

/** Second-level suffixes under which the registrable domain has three labels. */
const MULTI_SUFFIX = new Set([
  'co.uk', 'org.uk', 'ac.uk', 'gov.uk', 'ltd.uk', 'plc.uk', 'me.uk', 'nhs.uk', 'com.au', 'net.au', 'org.au', 'edu.au', 'gov.au',
  'co.nz', 'org.nz', 'co.jp', 'ne.jp', 'or.jp', 'co.in', 'com.br', 'com.mx', 'co.za', 'com.sg', 'com.hk', 'co.il', 'com.cn',
  'co.kr', 'com.tr', 'com.ar', 'co.ie', 'com.my', 'com.ph', 'com.pk', 'com.ng', 'co.ke',
]);

/** Providers anyone can have an address at: never an employer's domain. */
export const FREE_MAIL = new Set([
  'gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'hotmail.co.uk', 'live.com', 'live.co.uk', 'msn.com',
  'yahoo.com', 'yahoo.co.uk', 'ymail.com', 'icloud.com', 'me.com', 'mac.com', 'aol.com', 'proton.me', 'protonmail.com',
  'pm.me', 'gmx.com', 'gmx.de', 'gmx.net', 'web.de', 'mail.com', 'zoho.com', 'fastmail.com', 'fastmail.fm', 'hey.com',
  'yandex.com', 'btinternet.com', 'sky.com', 'virginmedia.com', 'comcast.net', 'verizon.net', 'att.net', 'qq.com', '163.com',
]);

/**
 * Hiring systems and schedulers: they write for many employers, so their domain matches no
 * application by itself (only with the employer's name or hiring-system slug, or a thread).
 */
export const HIRING_SYSTEMS = new Set([
  'greenhouse.io', 'greenhouse-mail.io', 'lever.co', 'myworkday.com', 'myworkdayjobs.com', 'workday.com', 'smartrecruiters.com',
  'ashbyhq.com', 'ashbyhq-mail.com', 'icims.com', 'jobvite.com', 'taleo.net', 'successfactors.com', 'successfactors.eu',
  'bamboohr.com', 'workable.com', 'workablemail.com', 'recruitee.com', 'teamtailor.com', 'teamtailor-mail.com', 'breezy.hr',
  'jazzhr.com', 'applytojob.com', 'personio.de', 'personio.com', 'pinpointhq.com', 'rippling.com', 'gem.com', 'hirebridge.com',
  'calendly.com', 'goodtime.io', 'hirevue.com', 'codility.com', 'hackerrank.com', 'codesignal.com', 'testgorilla.com',
  'paradox.ai', 'oraclecloud.com', 'dayforcehcm.com', 'adp.com', 'ukg.com', 'ultipro.com', 'zohorecruit.com',
]);

/** Job boards: their mail (alerts, "X is hiring") names employers without writing for them, so it matches by thread only. */
export const JOB_BOARDS = new Set([
  'linkedin.com', 'indeed.com', 'indeedemail.com', 'glassdoor.com', 'ziprecruiter.com', 'monster.com', 'reed.co.uk',
  'totaljobs.com', 'cv-library.co.uk', 'wellfound.com', 'angel.co', 'otta.com', 'welcometothejungle.com', 'hired.com', 'dice.com',
  'seek.com.au', 'stepstone.de', 'jobserve.com', 'builtin.com', 'simplyhired.com', 'careerbuilder.com', 'handshake.com',
]);

/** Hiring systems and job boards alike: never a company's own domain. */
export const HIRING_PLATFORMS: ReadonlySet<string> = new Set([...HIRING_SYSTEMS, ...JOB_BOARDS]);

/** `host` lower case, without a trailing dot or port. */
export function normaliseHost(host: string): string {
  return host.trim().toLowerCase().replace(/:\d+$/, '').replace(/\.+$/, '');
}

/** The registrable domain of a host or address: "mail.acme.co.uk" → "acme.co.uk", "a@hr.acme.com" → "acme.com". */
export function registrableDomain(hostOrAddress: string): string {
  const at = hostOrAddress.lastIndexOf('@');
  const host = normaliseHost(at >= 0 ? hostOrAddress.slice(at + 1) : hostOrAddress);
  const labels = host.split('.').filter((l) => l !== '');
  if (labels.length <= 2) return labels.join('.');
  const lastTwo = labels.slice(-2).join('.');
  return MULTI_SUFFIX.has(lastTwo) ? labels.slice(-3).join('.') : lastTwo;
}

/** True when `domain` (registrable) is a free-mail provider or a hiring platform. */
export function isSharedDomain(domain: string): boolean {
  return FREE_MAIL.has(domain) || HIRING_PLATFORMS.has(domain);
}

// ---------------------------------------------------------------- punycode (RFC 3492), decoding only

function punyDigit(code: number): number {
  if (code >= 48 && code <= 57) return code - 22;
  if (code >= 65 && code <= 90) return code - 65;
  if (code >= 97 && code <= 122) return code - 97;
  return 36;
}

/** One "xn--" label decoded; the label unchanged when it is not valid punycode. */
export function decodePunycodeLabel(label: string): string {
  if (!label.startsWith('xn--')) return label;
  const input = label.slice(4);
  const base = 36;
  const delimiter = input.lastIndexOf('-');
  const output = delimiter > 0 ? [...input.slice(0, delimiter)].map((c) => c.charCodeAt(0)) : [];
  let n = 128;
  let bias = 72;
  let i = 0;
  for (let pos = delimiter > 0 ? delimiter + 1 : 0; pos < input.length;) {
    const oldi = i;
    let w = 1;
    for (let k = base; ; k += base) {
      if (pos >= input.length) return label;
      const digit = punyDigit(input.charCodeAt(pos++));
      if (digit >= base) return label;
      i += digit * w;
      const t = k <= bias ? 1 : k >= bias + 26 ? 26 : k - bias;
      if (digit < t) break;
      w *= base - t;
      if (w > 1e9) return label;
    }
    const len = output.length + 1;
    let delta = oldi === 0 ? Math.floor((i - oldi) / 700) : Math.floor((i - oldi) / 2);
    delta += Math.floor(delta / len);
    let k = 0;
    while (delta > 455) {
      delta = Math.floor(delta / 35);
      k += base;
    }
    bias = k + Math.floor((36 * delta) / (delta + 38));
    n += Math.floor(i / len);
    i %= len;
    if (n > 0x10ffff) return label;
    output.splice(i, 0, n);
    i++;
  }
  return String.fromCodePoint(...output);
}

/** A host with its punycode labels decoded ("xn--exmple-4nf.com" → "exаmple.com"). */
export function unicodeHost(host: string): string {
  return normaliseHost(host).split('.').map(decodePunycodeLabel).join('.');
}

// ---------------------------------------------------------------- lookalikes

/** Letters that look like Latin ones (Cyrillic, Greek, fullwidth are folded by NFKC first) and digits that pass for letters. */
const CONFUSABLE: Readonly<Record<string, string>> = {
  'а': 'a', 'е': 'e', 'о': 'o', 'р': 'p', 'с': 'c', 'у': 'y', 'х': 'x', 'і': 'i', 'ј': 'j', 'ԁ': 'd', 'ɡ': 'g', 'ӏ': 'l',
  'ѕ': 's', 'һ': 'h', 'ԛ': 'q', 'ԝ': 'w', 'ь': 'b', 'ո': 'n', 'ս': 'u',
  'ο': 'o', 'α': 'a', 'ν': 'v', 'ι': 'i', 'κ': 'k', 'τ': 't', 'ρ': 'p', 'ε': 'e', 'υ': 'u', 'χ': 'x', 'β': 'b',
  '0': 'o', '1': 'l', '3': 'e', '5': 's', '$': 's', '@': 'a', 'ı': 'i', 'ł': 'l', 'ø': 'o',
};

/** What a domain looks like to a reader: confusables folded, "rn" as "m", "vv" as "w", i and l alike, hyphens gone. */
export function skeleton(domain: string): string {
  const folded = [...unicodeHost(domain).normalize('NFKC').toLowerCase()]
    .map((c) => CONFUSABLE[c] ?? c).join('')
    .normalize('NFD').replace(/\p{M}/gu, '');
  return folded.replace(/rn/g, 'm').replace(/vv/g, 'w').replace(/cl/g, 'd').replace(/i/g, 'l').replace(/[-_]/g, '');
}

/** Edit distance ≤ 1 (one letter added, dropped, changed, or two swapped). */
function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/**
 * True when `candidate` (a registrable domain) passes for `known` without being it: the same once
 * confusables are folded, or one letter off in a name of six letters or more with the same ending.
 * A `known` without a dot is a company's name ("hooli"): hoo1i.com passes for it, hooli.com does not.
 */
export function isLookalike(candidate: string, known: string): boolean {
  return lookalikeOf(candidate, [lookalikeKey(known)]) !== undefined;
}

/** A known domain (or bare company name) made ready for lookalike checks against many candidates. */
export interface LookalikeKey {
  readonly known: string;
  readonly skeleton: string;
  /** The skeleton's name part and its ending (".co.uk"), for the one-letter-off check. */
  readonly name: string;
  readonly ending: string;
  /** A bare company name, not a domain. */
  readonly bare: boolean;
}

function splitName(s: string): [string, string] {
  const i = s.indexOf('.');
  return i < 0 ? [s, ''] : [s.slice(0, i), s.slice(i)];
}

export function lookalikeKey(known: string): LookalikeKey {
  const k = normaliseHost(known);
  const sk = skeleton(k);
  const [name, ending] = splitName(sk);
  return { known: k, skeleton: sk, name, ending, bare: !k.includes('.') };
}

/** The first key `candidate` passes for without being it (see isLookalike). */
export function lookalikeOf<K extends LookalikeKey>(candidate: string, keys: readonly K[]): K | undefined {
  const c = normaliseHost(candidate);
  if (c === '') return undefined;
  const sc = skeleton(c);
  const [cn, ct] = splitName(sc);
  const label = registrableDomain(c).split('.')[0] ?? '';
  const labelSkeleton = keys.some((k) => k.bare) ? skeleton(label) : '';
  for (const k of keys) {
    if (k.bare) {
      // Known by name only ("hooli"): the candidate's name part against it.
      if (label !== k.known && label.replace(/-/g, '') !== k.known && labelSkeleton === k.skeleton) return k;
      continue;
    }
    if (c === k.known) continue;
    if (sc === k.skeleton) return k;
    if (ct === k.ending && k.name.length >= 6 && withinOneEdit(cn, k.name)) return k;
  }
  return undefined;
}

