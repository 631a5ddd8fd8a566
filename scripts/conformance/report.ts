/** Writes the conformance totals and the skip reasons to docs/conformance.md. */
import { writeFileSync } from 'node:fs';

export interface FileSummary {
  file: string;
  passed: number;
  failed: number;
  skipped: number;
}

export interface RunSummary {
  server: string;
  specDir: string;
  files: FileSummary[];
  skipReasons: Map<string, number>;
  failures: { file: string; test: string; reason: string }[];
  /** Passed tests whose only assertions are on command events, which the runner does not check. */
  passedEventsOnly: number;
}

const totals = (files: FileSummary[]): { passed: number; failed: number; skipped: number } =>
  files.reduce(
    (t, f) => ({
      passed: t.passed + f.passed,
      failed: t.failed + f.failed,
      skipped: t.skipped + f.skipped,
    }),
    {
      passed: 0,
      failed: 0,
      skipped: 0,
    },
  );

export function totalLine(files: FileSummary[]): string {
  const t = totals(files);
  return `${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped`;
}

export function writeReport(target: string, run: RunSummary): void {
  const t = totals(run.files);
  const ran = t.passed + t.failed;
  const lines = [
    '# MongoDB CRUD specification tests against the embedded engine',
    '',
    'Produced by `npm run conformance` (scripts/conformance/run.ts), which runs the unified-format',
    'CRUD tests of the MongoDB specifications (`../shared/mongodb-spec-tests/crud-unified/`, read at run',
    'time, not copied) through the official driver against a fresh engine. Results and collection',
    'outcomes are checked; `expectEvents` (the exact commands the driver sent) are not.',
    '',
    'Run it with `npm run conformance` (`npm run conformance -- <part of a file name>` runs matching',
    'files only and leaves this page alone; `--verbose` also prints each skipped test;',
    '`CONFORMANCE_URI=mongodb://...` measures another server, e.g. a real mongod, instead).',
    'Tests gated on server versions other than the one reported, on replica sets or sharding,',
    'on fail points or on sessions are skipped, each with its reason below.',
    '',
    `- Server under test: ${run.server}`,
    `- Date: ${new Date().toISOString().slice(0, 10)}`,
    '',
    '## Totals',
    '',
    `**${totalLine(run.files)}** across ${run.files.length} files` +
      (ran > 0 ? ` (${((100 * t.passed) / ran).toFixed(1)}% of the tests that ran passed).` : '.'),
    '',
    `${run.passedEventsOnly} of the passed tests assert only \`expectEvents\`: for them "passed" means the`,
    'operations ran without an unexpected error.',
    '',
    '## Why tests were skipped',
    '',
    '| Reason | Tests |',
    '| --- | ---: |',
    ...[...run.skipReasons.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([reason, n]) => `| ${reason.replace(/\|/g, '\\|')} | ${n} |`),
    '',
    '## Per file',
    '',
    '| File | Passed | Failed | Skipped |',
    '| --- | ---: | ---: | ---: |',
    ...run.files.map((f) => `| ${f.file} | ${f.passed} | ${f.failed} | ${f.skipped} |`),
    '',
    '## Failures',
    '',
    ...(run.failures.length === 0
      ? ['None.']
      : run.failures.map(
          (f) => `- \`${f.file}\` - ${f.test}: ${f.reason.replace(/\s+/g, ' ').slice(0, 300)}`,
        )),
    '',
  ];
  writeFileSync(target, lines.join('\n'));
}
