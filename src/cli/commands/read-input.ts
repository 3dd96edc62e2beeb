import { AppError } from '../../app/errors.js';
import type { CliIo } from '../io.js';

/** Reads a file named by a flag, turning IO failures into a one-line error naming the flag. */
export function readInput(io: CliIo, path: string, flag: string): string {
  try {
    // A byte-order mark (Windows editors write one) is not part of the text.
    return io.readFile(path).replace(/^\uFEFF/, '');
  } catch (error) {
    const code = (error as { code?: string }).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a file' : code === 'EACCES' ? 'permission denied' : 'cannot be read';
    throw new AppError({ reason: 'file.unreadable_json', params: { path, why } }, { at: flag, cause: error });
  }
}
