import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FullResult, Reporter, TestCase, TestResult } from '@playwright/test/reporter';

/** Writes this run's pass/fail counts to $JEST_SUMMARY_DIR, like the jest runs, for .ci/run's closing line. */
export default class SummaryReporter implements Reporter {
  private passed = 0;
  private failed = 0;
  private skipped = 0;

  onTestEnd(test: TestCase, result: TestResult): void {
    if (result.retry < test.retries && result.status !== 'passed' && result.status !== 'skipped') return; // retried
    if (result.status === 'skipped') this.skipped++;
    else if (result.status === test.expectedStatus) this.passed++;
    else this.failed++;
  }

  onEnd(result: FullResult): void {
    const dir = process.env.JEST_SUMMARY_DIR;
    if (!dir) return;
    // A run that broke outside the tests (global setup, a crash) counts as a failure.
    const failed = this.failed + (result.status !== 'passed' && this.failed === 0 ? 1 : 0);
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, `${Date.now()}-${process.pid}-playwright.json`),
      JSON.stringify({ passed: this.passed, failed, skipped: this.skipped }),
    );
  }
}
