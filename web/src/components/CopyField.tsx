/** A read-only address with a Copy button (and, without clipboard access, the text selected for Ctrl+C). */
import { useId, useRef, useState } from 'react';

export function CopyField({ label, value, describedBy, autoFocus = false }: { label: string; value: string; describedBy?: string; autoFocus?: boolean }) {
  const id = useId();
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  const input = useRef<HTMLInputElement>(null);
  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('copied');
    } catch {
      // No clipboard permission (or not a secure context): select it for the user to copy.
      input.current?.select();
      setCopied('failed');
    }
  };
  return (
    <div className="copy-field">
      <label htmlFor={id} className="label">{label}</label>
      <div className="copy-row">
        <input id={id} ref={input} readOnly value={value} spellCheck={false} autoFocus={autoFocus} aria-describedby={describedBy} onFocus={(e) => e.currentTarget.select()} />
        <button type="button" className="button" onClick={() => void copy()}>Copy</button>
        <span className="muted" role="status">{copied === 'copied' ? 'Copied.' : copied === 'failed' ? 'Selected: press Ctrl+C (⌘C) to copy.' : ''}</span>
      </div>
    </div>
  );
}
