/** The state of a settings form's save, said next to its button: unsaved, saving, saved or why it failed. */

export type SaveStatus =
  | { readonly state: 'idle' | 'dirty' | 'saving' }
  | { readonly state: 'saved' | 'failed'; readonly message: string };

export function SaveState({ status }: { status: SaveStatus }) {
  // One live region that stays in the page, so screen readers hear each change.
  return (
    <span className={`ss ss-${status.state}`} role="status" aria-live="polite">
      {status.state === 'dirty' && 'Unsaved changes'}
      {status.state === 'saving' && 'Saving…'}
      {(status.state === 'saved' || status.state === 'failed') && status.message}
    </span>
  );
}
