/**
 * The mailbox secret at rest (issue 16): AES-256-GCM from node:crypto, a fresh 12-byte nonce per
 * seal, the user's id as additional data (a row copied to another user does not open). The key is
 * never in the database: on a local install it is the 0600 file `mail-key` in the data folder
 * (outside the database folder, so no database backup holds it); on a shared server it is derived
 * (HKDF-SHA256) from the server's own secret. Nothing here logs or returns a secret in a message.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../errors.js';
import type { SealedSecret } from './types.js';

export const MAIL_KEY_FILE = 'mail-key';
const KEY_BYTES = 32;

/** A 32-byte key, kept opaque so it is never printed by accident. */
export interface MailKey {
  readonly bytes: Buffer;
  toJSON(): string;
}

function keyOf(bytes: Buffer): MailKey {
  if (bytes.length !== KEY_BYTES) throw new Error(`a mail key has ${KEY_BYTES} bytes, not ${bytes.length}`);
  return { bytes, toJSON: () => '[mail key]', toString: () => '[mail key]' } as MailKey;
}

/** The local install's key: `dataDir/mail-key` (hex), created with mode 0600 on first use. */
export function loadOrCreateMailKey(dataDir: string): MailKey {
  const path = join(dataDir, MAIL_KEY_FILE);
  let text: string | undefined;
  try {
    text = readFileSync(path, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (text === undefined) {
    mkdirSync(dataDir, { recursive: true });
    const bytes = randomBytes(KEY_BYTES);
    // 'wx': two processes starting at once never overwrite each other's key.
    try {
      writeFileSync(path, `${bytes.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
      return keyOf(bytes);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      text = readFileSync(path, 'utf8').trim();
    }
  }
  if (!/^[0-9a-f]{64}$/.test(text)) {
    throw new AppError({ reason: 'mail.key_damaged' }, { at: path });
  }
  // A key readable by others is made private again.
  if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
  return keyOf(Buffer.from(text, 'hex'));
}

/** A shared server's key, derived from its own secret (security.ts's per-install secret). */
export function mailKeyFromSecret(serverSecret: string): MailKey {
  return keyOf(Buffer.from(hkdfSync('sha256', serverSecret, 'afterword', 'mailbox credentials', KEY_BYTES)));
}

/** Seals `secret` for `userId`. */
export function sealSecret(key: MailKey, userId: string, secret: string): SealedSecret {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key.bytes, iv);
  cipher.setAAD(Buffer.from(userId, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return { iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), ciphertext: ciphertext.toString('base64') };
}

/** Opens a sealed secret; a wrong key or a changed row is `mail_key` with what to do. */
export function openSecret(key: MailKey, userId: string, sealed: SealedSecret): string {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key.bytes, Buffer.from(sealed.iv, 'base64'));
    decipher.setAAD(Buffer.from(userId, 'utf8'));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    throw new AppError({ reason: 'mail.key_mismatch' });
  }
}
