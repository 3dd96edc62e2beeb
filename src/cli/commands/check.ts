/** `afterword check FILE [--json] [--no-spelling]` (CONTRACT.md): the tone check of a note and its context. */
import type { Command } from 'commander';
import { AppError } from '../../app/errors.js';
import { parseJson } from '../../app/plan-scenario.js';
import { createSpellerLoader } from '../../app/speller.js';
import { checkTone, parseToneInput, type Finding, type ToneInput } from '../../core/tone/index.js';
import type { CliIo } from '../io.js';
import { renderCheckListing } from './check-render.js';
import { readInput } from './read-input.js';

/** Parses and validates the check document; bad input becomes a one-line `bad_input` error naming the field. */
export function loadCheckInput(text: string): ToneInput {
  const result = parseToneInput(parseJson(text, 'check input'));
  if (!result.ok) throw new AppError({ reason: 'check.invalid', params: { issue: result.issue.message } }, result.issue.path === '' ? { at: 'check input' } : { path: result.issue.path });
  return result.value;
}

/** The contract's JSON: `{ "findings": [...] }`, the contract's fields first. */
export function checkToJson(findings: readonly Finding[]): { findings: Finding[] } {
  return {
    findings: findings.map((f) => ({ rule: f.rule, start: f.start, end: f.end, severity: f.severity, message: f.message, suggestion: f.suggestion, code: f.code })),
  };
}

export function registerCheck(program: Command, io: CliIo): void {
  program
    .command('check')
    .description('Check the tone of a note (emoji, pressure, names, company, length, missing parts, spelling, grammar seams…): rules L1–L13.')
    .argument('<file>', 'JSON file with "text" and its context (see docs/contract.md); "-" reads standard input')
    .option('--json', 'print the findings as JSON (the scripting contract)')
    .option('--no-spelling', 'skip the spelling check (L12) and its dictionary load')
    .addHelpText('after', `
Examples:
  $ afterword check note.json
  $ afterword check note.json --json
  $ echo '{"text": "Dear Dr. Okafor, ..."}' | afterword check - --json`)
    .action(async (file: string, opts: { json?: boolean; spelling: boolean }) => {
      const input = loadCheckInput(readInput(io, file, 'FILE'));
      const speller = opts.spelling ? await createSpellerLoader().load() : undefined;
      const findings = checkTone(input, speller ? { speller } : {});
      io.stdout(opts.json ? `${JSON.stringify(checkToJson(findings), null, 2)}\n` : renderCheckListing(input.text, findings, file === '-' ? 'standard input' : file));
    });
}
