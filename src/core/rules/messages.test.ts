/** The words of the F0 warnings, from their data (dates as `dayLabel` writes them). */
import { describe, expect, it } from 'vitest';
import { dayOf } from '../time.js';
import { renderWarning } from './messages.js';

const where = { rule: 'F0', applicationId: 'a1', interviewId: 'i1' } as const;

describe('renderWarning: F0', () => {
  it('shows both readings of an ambiguous phrase and asks the user to pick', () => {
    const choices = [
      { day: dayOf(2026, 3, 6), understood: 'the coming Friday' }, // Fri
      { day: dayOf(2026, 3, 13), understood: 'a week later' }, // Fri
    ];
    expect(renderWarning({ ...where, code: 'ambiguous_timeline', said: 'by next Friday', choices }))
      .toBe('They said "by next Friday" (a1/i1): Fri 2026-03-06, the coming Friday, or Fri 2026-03-13, a week later? Pick one; until then it counts as no timeline.');
  });

  it('lists three readings with semicolons', () => {
    const choices = [
      { day: dayOf(2026, 4, 3), understood: 'first' }, // Fri
      { day: dayOf(2026, 4, 10), understood: 'second' }, // Fri
      { day: dayOf(2026, 4, 17), understood: 'third' }, // Fri
    ];
    expect(renderWarning({ ...where, code: 'ambiguous_timeline', said: 'x', choices }))
      .toContain(': Fri 2026-04-03, first; Fri 2026-04-10, second; or Fri 2026-04-17, third? Pick one');
  });

  it('shows an unread phrase back', () => {
    expect(renderWarning({ ...where, code: 'unreadable_timeline', said: 'soon' }))
      .toBe('Could not read the timeline "soon" (a1/i1): treated as no timeline until you give a date.');
  });
});
