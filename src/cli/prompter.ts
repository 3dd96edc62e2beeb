/** Terminal questions with @clack/prompts; cancelling (Ctrl-C) stops the command cleanly. */
import { AppError } from '../app/errors.js';
import type { Prompter } from './io.js';

// @clack/prompts is loaded at the first question: most runs never ask one.
const clack = () => import('@clack/prompts');

async function stop(): Promise<never> {
  (await clack()).cancel('Cancelled: nothing was recorded.');
  throw new AppError({ reason: 'prompt.cancelled' });
}

export const clackPrompter: Prompter = {
  async text(message, options = {}) {
    const { isCancel, text } = await clack();
    const value = await text({
      message,
      ...(options.placeholder !== undefined ? { placeholder: options.placeholder } : {}),
      ...(options.initial !== undefined ? { initialValue: options.initial } : {}),
      ...(options.validate ? { validate: (v: string | undefined) => options.validate?.(v ?? '') } : {}),
    });
    if (isCancel(value)) return stop();
    return value;
  },
  async confirm(message) {
    const { confirm, isCancel } = await clack();
    const value = await confirm({ message });
    if (isCancel(value)) return stop();
    return value;
  },
};
