/** Terminal questions with @clack/prompts; cancelling (Ctrl-C) stops the command cleanly. */
import { cancel, confirm, isCancel, text } from '@clack/prompts';
import { AppError } from '../app/errors.js';
import type { Prompter } from './io.js';

function stop(): never {
  cancel('Cancelled: nothing was recorded.');
  throw new AppError('bad_input', 'cancelled at a prompt; nothing was recorded');
}

export const clackPrompter: Prompter = {
  async text(message, options = {}) {
    const value = await text({
      message,
      ...(options.placeholder !== undefined ? { placeholder: options.placeholder } : {}),
      ...(options.initial !== undefined ? { initialValue: options.initial } : {}),
      ...(options.validate ? { validate: (v: string | undefined) => options.validate?.(v ?? '') } : {}),
    });
    if (isCancel(value)) stop();
    return value;
  },
  async confirm(message) {
    const value = await confirm({ message });
    if (isCancel(value)) stop();
    return value;
  },
};
