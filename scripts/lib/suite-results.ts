import fs from "node:fs";

export type SuiteResult = { name: string; passed: number; failed: number; skipped: number };

/** Counts from vitest's JSON report. */
export function readVitestReport(name: string, file: string): SuiteResult {
  if (!fs.existsSync(file)) return { name, passed: 0, failed: 1, skipped: 0 };
  const report = JSON.parse(fs.readFileSync(file, "utf8")) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
    numFailedTestSuites: number;
  };
  return {
    name,
    passed: report.numPassedTests,
    // A file that fails to load has no failed test of its own; count it.
    failed: report.numFailedTests + (report.numFailedTests === 0 ? report.numFailedTestSuites : 0),
    skipped: report.numPendingTests + report.numTodoTests,
  };
}

/** Counts from Playwright's JSON report. */
export function readPlaywrightReport(name: string, file: string): SuiteResult {
  if (!fs.existsSync(file)) return { name, passed: 0, failed: 1, skipped: 0 };
  const { stats, errors } = JSON.parse(fs.readFileSync(file, "utf8")) as {
    stats: { expected: number; unexpected: number; flaky: number; skipped: number };
    errors?: unknown[];
  };
  const loadErrors = stats.expected + stats.unexpected + stats.flaky === 0 ? (errors?.length ?? 0) : 0;
  return { name, passed: stats.expected, failed: stats.unexpected + stats.flaky + loadErrors, skipped: stats.skipped };
}
