/**
 * A textarea with the tone check's findings underlined: a mirror of the text behind a transparent
 * textarea, both in one grid cell so the box grows with the text and the two never drift apart.
 * The mirror is hidden from assistive technology; the findings list beside it carries the words.
 */
import { forwardRef, type ChangeEvent } from 'react';

export interface ToneSpan {
  readonly start: number;
  readonly end: number;
  readonly severity: string;
  /** Index into the findings list, to find the mark again (`data-finding`). */
  readonly index: number;
}

interface Segment {
  readonly text: string;
  readonly spans: readonly ToneSpan[];
}

/** Cuts `text` at every span boundary; each piece knows the spans covering it. */
export function toneSegments(text: string, spans: readonly ToneSpan[]): Segment[] {
  const cuts = new Set<number>([0, text.length]);
  for (const s of spans) {
    cuts.add(Math.max(0, Math.min(text.length, s.start)));
    cuts.add(Math.max(0, Math.min(text.length, s.end)));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const from = points[i] ?? 0;
    const to = points[i + 1] ?? 0;
    if (to <= from) continue;
    out.push({ text: text.slice(from, to), spans: spans.filter((s) => s.start <= from && to <= s.end) });
  }
  return out;
}

export interface ToneEditorProps {
  readonly id: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly spans: readonly ToneSpan[];
  /** The finding the user asked to see, drawn stronger. */
  readonly active?: number | undefined;
  readonly describedBy?: string;
}

export const ToneEditor = forwardRef<HTMLTextAreaElement, ToneEditorProps>(function ToneEditor({ id, value, onChange, spans, active, describedBy }, ref) {
  const segments = toneSegments(value, spans);
  return (
    <div className="tone-editor">
      <div className="tone-mirror" aria-hidden="true">
        {segments.map((s, i) => {
          if (s.spans.length === 0) return <span key={i}>{s.text}</span>;
          const severity = s.spans.some((x) => x.severity === 'error') ? 'error' : 'warning';
          const first = s.spans[0];
          const isActive = active !== undefined && s.spans.some((x) => x.index === active);
          return (
            <mark key={i} className={`tone-mark tone-${severity}${isActive ? ' tone-active' : ''}`} data-finding={first?.index}>{s.text}</mark>
          );
        })}
        {/* A trailing line break needs something after it to take up its line. */}
        {'\u200B'}
      </div>
      <textarea
        ref={ref} id={id} className="tone-input" value={value} spellCheck
        onChange={(e: ChangeEvent<HTMLTextAreaElement>) => onChange(e.target.value)}
        {...(describedBy ? { 'aria-describedby': describedBy } : {})}
      />
    </div>
  );
});
