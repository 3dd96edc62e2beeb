/** What the CLI needs from the outside world, passed in so tests run it in-process. */
import type { StartReader } from '../app/exchange/import/thread.js';
import type { MailKey } from '../app/mail/credentials.js';
import type { Deps } from '../deps.js';

/** Questions asked on a terminal (@clack/prompts in the real CLI). */
export interface Prompter {
  text(message: string, options?: { placeholder?: string; initial?: string; validate?: (value: string) => string | undefined }): Promise<string | undefined>;
  confirm(message: string): Promise<boolean>;
}

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly readFile: (path: string) => string;
  /** The current instant in epoch ms (the only clock the CLI reads). */
  readonly now: () => number;
  /** The environment (AFTERWORD_DATA_DIR, DATABASE_URL, XDG_DATA_HOME…); none when absent. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** A person at a terminal can answer questions. */
  readonly interactive?: boolean;
  readonly prompt?: Prompter;
  /** The host's zone, offered as the default at setup. */
  readonly hostTimeZone?: string;
  /** Tests pass ready dependencies (a real database) instead of opening one from the config. */
  readonly deps?: Deps;
  /** Tests pass the key that seals the mailbox password instead of the data folder's mail-key. */
  readonly mailKey?: MailKey;
  /** Writes a file (exports, backups, .eml). */
  readonly writeFile?: (path: string, data: string | Uint8Array) => void;
  /**
   * Starts the worker thread that reads an import's file (import-reader.ts beside bin.ts), in a
   * process of its own; without it, the file is read on the main thread.
   */
  readonly importReader?: StartReader;
}
