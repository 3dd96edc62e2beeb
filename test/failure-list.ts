/**
 * A vitest reporter that writes one line per failed test (and per file that failed outside a
 * test, e.g. in a hook) to the file named by AFTERWORD_FAILURE_LIST, so that `npm test`
 * (scripts/run-all.mjs) can list every failure of every suite at the very end of its output,
 * where a CI log's tail shows it. Without that variable it does nothing.
 */
import { appendFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { Reporter, TestCase, TestModule } from 'vitest/node';

type Serialized = { message?: string; name?: string };

function firstLine(errors: ReadonlyArray<Serialized>): string {
  const message = errors[0]?.message ?? errors[0]?.name ?? 'failed';
  return (message.split('\n').find((line) => line.trim() !== '') ?? message).trim().slice(0, 200);
}

export default class FailureList implements Reporter {
  private readonly lines: string[] = [];

  onTestCaseResult(testCase: TestCase): void {
    const result = testCase.result();
    if (result.state !== 'failed') return;
    const file = relative(process.cwd(), testCase.module.moduleId);
    this.lines.push(`${file} › ${testCase.fullName}: ${firstLine(result.errors ?? [])}`);
  }

  onTestModuleEnd(testModule: TestModule): void {
    const errors = testModule.errors();
    if (errors.length === 0) return;
    const file = relative(process.cwd(), testModule.moduleId);
    this.lines.push(`${file} (outside a test): ${firstLine(errors)}`);
  }

  onTestRunEnd(_modules: ReadonlyArray<TestModule>, unhandled: ReadonlyArray<Serialized>): void {
    for (const error of unhandled) this.lines.push(`unhandled error: ${firstLine([error])}`);
    const target = process.env.AFTERWORD_FAILURE_LIST;
    if (target && this.lines.length > 0) appendFileSync(target, `${this.lines.join('\n')}\n`);
  }
}
