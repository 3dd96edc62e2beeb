/**
 * Contact details as people type them, checked one way everywhere they are kept or used: the
 * profile (setup, Settings), the .eml file's addresses, and the web forms before they send.
 */

// An addr-spec without quoted local parts or comments (what people type into a To field);
// non-ASCII allowed (RFC 6532), lone surrogates not.
const U = '\\u0080-\\uD7FF\\uE000-\\uFFFF';
const LABEL = `[A-Za-z0-9${U}](?:[A-Za-z0-9${U}-]{0,61}[A-Za-z0-9${U}])?`;
const ADDRESS = new RegExp(`^[A-Za-z0-9.!#$%&'*+/=?^_\`{|}~${U}-]{1,64}@${LABEL}(?:\\.${LABEL})+$`);

/** Whether `text` (trimmed) is an email address a mail program accepts: name@example.com. */
export function isEmailAddress(text: string): boolean {
  const t = text.trim();
  return t.length <= 254 && !t.includes('..') && ADDRESS.test(t);
}

// An extension after the number: "ext. 12", "x12", "#12".
const EXTENSION = /\s*(?:ext\.?|x|#)\s*\d{1,6}$/i;

/**
 * Whether `text` (trimmed) reads as a phone number: 6 to 15 digits (E.164's most), grouped with
 * spaces, dashes, dots, slashes or brackets, a leading + for the country code, and an optional
 * extension ("ext. 12"). Letters, a + elsewhere and empty brackets are not.
 */
export function isPhoneNumber(text: string): boolean {
  const main = text.trim().replace(EXTENSION, '');
  if (!/^\+?[\d\s().\-/]+$/.test(main) || /\(\s*\)/.test(main)) return false;
  const digits = main.replace(/\D/g, '').length;
  return digits >= 6 && digits <= 15;
}

export const EMAIL_FIX = 'is not an email address; write it as name@example.com';
export const PHONE_FIX = 'is not a phone number; write its digits, with + and the country code when it is abroad, e.g. +1 212 555 0100';
