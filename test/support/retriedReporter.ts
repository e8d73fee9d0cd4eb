import type { Reporter, TestCase } from 'vitest/node'

/**
 * Lists every test that passed only on a retry. The suite retries once (real WebRTC, real
 * processes on a shared CI machine), but a retried test is a flake to look at, not a pass to
 * forget: this keeps it visible at the end of the run.
 */
export default class RetriedReporter implements Reporter {
  readonly #retried: string[] = []

  onTestCaseResult(test: TestCase): void {
    const { retryCount } = test.diagnostic() ?? { retryCount: 0 }
    if (retryCount > 0 && test.result().state === 'passed') this.#retried.push(`${test.module.moduleId.split('/test/')[1] ?? test.module.moduleId} > ${test.fullName}`)
  }

  onTestRunEnd(): void {
    if (!this.#retried.length) return
    console.log(`\n${this.#retried.length} test(s) passed only on a retry (flaky; look at them):`)
    for (const name of this.#retried) console.log(`  - ${name}`)
  }
}
