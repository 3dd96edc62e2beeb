/**
 * The employer answered: the notes queued for that application before their message are cancelled
 * (issue 16, item 4). Apart from outbox.ts, so the sync does not load the drafting code with it.
 */
import type { AppDeps } from '../records.js';
import type { EpochMs } from '../../core/time.js';
import type { CancelReason } from './outbox.js';
import type { OutboxItem } from './types.js';

/**
 * After the employer's message about `applicationId` (at `repliedAt`, the message's date or the
 * reply's date): every note for it scheduled before the reply and still waiting is cancelled (the
 * plan changes with the reply); one scheduled after it, an answer to it, stays. Returns those cancelled.
 */
export function cancelQueuedOnReply(deps: Pick<AppDeps, 'store' | 'userId'>, applicationId: string, repliedAt: EpochMs): Promise<readonly OutboxItem[]> {
  return deps.store.outbox.cancel(deps.userId, { applicationId, createdBefore: repliedAt }, 'employer_replied' satisfies CancelReason);
}
