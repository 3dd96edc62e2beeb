/** An application's details (posting, location, salary, source, tags, notes, description) and people's notes, for `afterword show`. */
import { PERIOD_WORDS, WORKPLACE_WORDS } from '../../core/details.js';
import type { Application, Salary } from '../../core/model.js';

/** "£45k–£55k (45,000–55,000 GBP a year)" */
export function salaryLine(s: Salary): string {
  const figures = [
    s.min !== undefined || s.max !== undefined
      ? [s.min, s.max].filter((v): v is number => v !== undefined).map((v) => v.toLocaleString('en-US')).join('\u2013')
      : undefined,
    s.currency, s.period ? PERIOD_WORDS[s.period] : undefined,
  ].filter((p) => p !== undefined && p !== '').join(' ');
  return figures !== '' && figures !== s.text ? `${s.text} (${figures})` : s.text;
}

function indent(text: string): string {
  return text.split('\n').map((l) => `    ${l}`.trimEnd()).join('\n');
}

/** The details block: one line per short detail, the long texts indented below their heading; '' when there are none. */
export function renderDetails(app: Application, options: { readonly description?: boolean } = {}): string {
  const lines: string[] = [];
  const where = [app.location, app.workplace ? WORKPLACE_WORDS[app.workplace] : undefined].filter(Boolean).join(', ');
  if (app.postingUrl) lines.push(`  Posting:   ${app.postingUrl}`);
  if (where) lines.push(`  Location:  ${where}`);
  if (app.salary) lines.push(`  Salary:    ${salaryLine(app.salary)}`);
  if (app.source || app.sourceId) lines.push(`  Source:    ${[app.source, app.sourceId ? `(id ${app.sourceId})` : undefined].filter(Boolean).join(' ')}`);
  if (app.tags && app.tags.length > 0) lines.push(`  Tags:      ${app.tags.join(', ')}`);
  if (app.notes) lines.push('  Notes:', indent(app.notes));
  for (const p of app.people) if (p.notes) lines.push(`  Notes on ${p.name} (${p.id}):`, indent(p.notes));
  if (app.description) {
    const text = options.description === false && app.description.length > 600 ? `${app.description.slice(0, 600).trimEnd()}\u2026` : app.description;
    lines.push('  Job description:', indent(text));
  }
  return lines.length === 0 ? '' : `Details\n${lines.join('\n')}\n`;
}
