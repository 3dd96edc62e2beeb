/** The tone check's view of a draft: its text and the records it must agree with (L5, L6, L8, L10). */
import type { Scenario } from '../model.js';
import type { ToneInput } from '../tone/index.js';
import { englishOf } from '../english.js';
import { otherCompaniesOf } from './context.js';
import { toneKindOf } from './generate.js';
import type { Draft, DraftInput } from './types.js';

/**
 * What to pass to `checkTone` for a draft: the body (greeting to sign-off, without the subject or
 * address lines), the recipient as recorded, this application's company and post, the candidate,
 * the other companies of the pipeline and everyone on this application (plus the reference briefed).
 */
export function toneInputOf(scenario: Scenario, input: DraftInput, draft: Draft, siblings?: readonly string[]): ToneInput {
  const app = input.application;
  const kind = toneKindOf(draft.kind);
  const recipient = input.kind === 'reference_brief'
    ? { name: input.reference.name, informal: true }
    : {
      name: input.person.name, informal: input.person.informal,
      ...(input.person.honorific ? { honorific: input.person.honorific } : {}), ...(input.person.title ? { title: input.person.title } : {}),
    };
  return {
    ...(kind !== undefined ? { kind } : {}),
    text: draft.body,
    recipient,
    application: { company: app.company, role: app.role },
    candidate: { name: scenario.candidate.name },
    otherCompanies: otherCompaniesOf(scenario, app),
    people: [...app.people.map((p) => p.name), ...(input.kind === 'reference_brief' ? [input.reference.name] : [])],
    ...(siblings !== undefined ? { siblings } : {}),
    english: input.english ?? englishOf(scenario.settings.region),
  };
}
