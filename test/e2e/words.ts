/** Words for people: what the web app must never show (an id, an ISO date, a command, a JSON path, a name in code case). */
import type { Page } from 'playwright-core';

/** What a person must never read, each with the name the failure gives it. */
export const TECHNICAL: readonly (readonly [string, RegExp])[] = [
  ['an internal id', /\b[a-z]\d+\b/],
  ['an ISO date or instant', /\b\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}\S*)?/],
  ['a command to type', /\bafterword [a-z][\w-]*|--[a-z][\w-]+/],
  ['a JSON path', /\b(?:settings|candidate|interview|application|people|person|touch|timeline|debrief|protocol|workday|offer|body|query)(?:\.[A-Za-z_]+|\[\d+\])+/],
  ['a name in code case', /\b[a-z]+[A-Z][A-Za-z]*\b|\b[A-Z][a-z]+[A-Z][a-z]+\b/],
];

/** The lines of visible text that read as technical, with what each is. */
export async function technicalText(page: Page): Promise<string[]> {
  const text = await page.evaluate(() => document.body.innerText);
  const found: string[] = [];
  for (const line of text.split('\n')) {
    for (const [what, pattern] of TECHNICAL) {
      const m = pattern.exec(line);
      if (m) found.push(`${what} ("${m[0]}") in: ${line.trim().slice(0, 160)}`);
    }
  }
  return found;
}
