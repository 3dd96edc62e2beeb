/**
 * A call timer for the two-to-five-minute call (X1): start, pause, reset; the elapsed time with the
 * 2 and 5 minute marks. Screen readers hear it at most once a minute (a polite live region).
 */
import { useEffect, useId, useState } from 'react';

const MINUTE = 60_000;
const SCALE = 6 * MINUTE;

function clock(ms: number): string {
  const s = Math.floor(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** What to say about minute `m` (0 says nothing). */
export function minuteNote(m: number): string {
  if (m <= 0) return '';
  if (m === 2) return '2 minutes: a good length; close whenever it feels natural.';
  if (m === 5) return '5 minutes: time to thank them and close the call.';
  return `${m} minute${m === 1 ? '' : 's'} elapsed.`;
}

export function CallTimer({ now = () => Date.now() }: { now?: () => number }) {
  const id = useId();
  const [since, setSince] = useState<number>();
  const [banked, setBanked] = useState(0);
  const [, setTick] = useState(0);
  const running = since !== undefined;

  useEffect(() => {
    if (!running) return undefined;
    const timer = window.setInterval(() => setTick((t) => t + 1), 1000);
    return () => window.clearInterval(timer);
  }, [running]);

  const elapsed = banked + (since !== undefined ? Math.max(0, now() - since) : 0);
  const minutes = Math.floor(elapsed / MINUTE);
  const phase = elapsed < 2 * MINUTE ? 'short' : elapsed < 5 * MINUTE ? 'good' : 'long';
  const advice = elapsed === 0 ? 'Start when they pick up.'
    : phase === 'short' ? 'Aim for two to five minutes.' : phase === 'good' ? 'A good length: close whenever it feels natural.' : 'Over five minutes: thank them and close.';

  const toggle = (): void => {
    if (since !== undefined) {
      setBanked(banked + Math.max(0, now() - since));
      setSince(undefined);
    } else setSince(now());
  };
  const reset = (): void => {
    setBanked(0);
    setSince(undefined);
  };

  return (
    <section className="card call-timer" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Call timer</h2>
      <p className={`call-clock call-clock-${phase}`} role="timer" aria-label="Time on the call">{clock(elapsed)}</p>
      <div className="call-bar" aria-hidden="true">
        <span className={`call-bar-fill call-bar-${phase}`} style={{ width: `${Math.min(100, (elapsed / SCALE) * 100)}%` }} />
        <span className="call-bar-mark" style={{ left: `${(2 * MINUTE / SCALE) * 100}%` }}><small>2 min</small></span>
        <span className="call-bar-mark" style={{ left: `${(5 * MINUTE / SCALE) * 100}%` }}><small>5 min</small></span>
      </div>
      <p className="muted call-small">{advice}</p>
      <p className="call-live" aria-live="polite">{minuteNote(minutes)}</p>
      <div className="call-timer-actions">
        <button type="button" className="button primary" onClick={toggle}>{running ? 'Pause' : elapsed > 0 ? 'Resume' : 'Start'}</button>
        <button type="button" className="button" onClick={reset} disabled={elapsed === 0 && !running}>Reset</button>
      </div>
    </section>
  );
}
