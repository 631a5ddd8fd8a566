/**
 * `npm run conformance`: runs the MongoDB unified CRUD specification tests through the official
 * driver against a fresh embedded engine (or CONFORMANCE_URI / MONGODB_URI when set) and prints
 * passed/failed/skipped per file and in total. A measurement, not a gate: it always exits 0.
 * Spec files come from SPEC_TESTS_DIR or ../shared/mongodb-spec-tests next to the repository.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EJSON } from 'bson';
import { MongoClient, type Document } from 'mongodb';
import { startEmbeddedMongo } from '../../server/db/embedded/index.js';
import { writeReport, totalLine, type FileSummary, type RunSummary } from './report.js';
import { describeServer, requirementsUnmet } from './requirements.js';
import { runTest } from './run-test.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const specRoot =
  process.env.SPEC_TESTS_DIR ?? path.resolve(repoRoot, '..', 'shared', 'mongodb-spec-tests');
const crudDir = existsSync(path.join(specRoot, 'crud-unified'))
  ? path.join(specRoot, 'crud-unified')
  : specRoot;
const verbose = process.argv.includes('--verbose') || process.argv.includes('-v');
const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));

/**
 * Tests the Node.js driver itself does not meet (they fail against mongod as well), so they say
 * nothing about the engine: the driver replaces an explicit `_id: null` with a new ObjectId
 * (mongodb/lib/utils.js maybeAddIdToDocuments).
 */
const DRIVER_DEVIATIONS: { file: string; test: RegExp; reason: string }[] = [
  {
    file: 'create-null-ids.json',
    test: /via (insertOne|insertMany|bulkWrite)$/,
    reason: 'Node.js driver replaces an explicit _id: null on insert (fails against mongod too)',
  },
];

/** A test whose only assertions are `expectEvents`: passing means its operations ran without error. */
function eventsOnly(test: Document): boolean {
  return (
    !test.outcome &&
    (test.operations as Document[]).every((op) => op.expectResult === undefined && !op.expectError)
  );
}

async function main(): Promise<void> {
  const files = existsSync(crudDir)
    ? readdirSync(crudDir)
        .filter((f) => f.endsWith('.json'))
        .sort()
    : [];
  if (files.length === 0) {
    console.log(`No spec test files found in ${crudDir}: nothing to run (set SPEC_TESTS_DIR).`);
    return;
  }
  const external = process.env.CONFORMANCE_URI ?? process.env.MONGODB_URI;
  const dbPath = external ? undefined : mkdtempSync(path.join(tmpdir(), 'atelier-conformance-'));
  const engine = dbPath ? await startEmbeddedMongo({ dbPath, port: 0 }) : undefined;
  const uri = external ?? engine!.uri;
  const internal = new MongoClient(uri, { serverSelectionTimeoutMS: 10_000 });
  try {
    await internal.connect();
    const server = await describeServer(internal);
    const label = `${engine ? 'embedded engine' : uri.replace(/\/\/[^@]*@/, '//')} reporting version ${server.version}, ${server.topology}`;
    console.log(`Running ${files.length} spec files from ${crudDir} against ${label}\n`);
    const run: RunSummary = {
      server: label,
      specDir: crudDir,
      files: [],
      skipReasons: new Map(),
      failures: [],
      passedEventsOnly: 0,
    };
    for (const file of files) {
      if (only.length && !only.some((o) => file.includes(o))) continue;
      run.files.push(await runFile(file, { uri, internal }, server, run));
    }
    console.log(`\n${totalLine(run.files)}`);
    if (only.length === 0) {
      const target = path.join(repoRoot, 'docs', 'conformance.md');
      writeReport(target, run);
      console.log(`Written to ${path.relative(repoRoot, target)}`);
    }
  } finally {
    try {
      await internal.close();
      await engine?.stop();
    } finally {
      if (dbPath) rmSync(dbPath, { recursive: true, force: true });
    }
  }
}

async function runFile(
  file: string,
  ctx: { uri: string; internal: MongoClient },
  server: Awaited<ReturnType<typeof describeServer>>,
  run: RunSummary,
): Promise<FileSummary> {
  const summary: FileSummary = { file, passed: 0, failed: 0, skipped: 0 };
  const spec = EJSON.parse(readFileSync(path.join(crudDir, file), 'utf8'), {
    relaxed: false,
  }) as Document;
  const details: string[] = [];
  const fileUnmet = String(spec.schemaVersion).startsWith('1.')
    ? requirementsUnmet(spec.runOnRequirements, server)
    : `unsupported schemaVersion ${spec.schemaVersion}`;
  for (const test of spec.tests as Document[]) {
    const deviation = DRIVER_DEVIATIONS.find(
      (d) => d.file === file && d.test.test(String(test.description)),
    );
    const unmetReason =
      fileUnmet ?? requirementsUnmet(test.runOnRequirements, server) ?? deviation?.reason;
    const result = unmetReason
      ? { status: 'skipped' as const, reason: unmetReason }
      : await runTest(spec, test, ctx);
    summary[result.status] += 1;
    if (result.status === 'passed' && eventsOnly(test)) run.passedEventsOnly += 1;
    if (result.status === 'skipped') {
      const reason = result.reason ?? 'unspecified';
      run.skipReasons.set(reason, (run.skipReasons.get(reason) ?? 0) + 1);
    }
    if (result.status === 'failed')
      run.failures.push({ file, test: test.description, reason: result.reason ?? '' });
    if (result.status === 'failed' || (verbose && result.status === 'skipped')) {
      details.push(`    ${result.status.toUpperCase()} ${test.description}: ${result.reason}`);
    }
  }
  console.log(
    `${file}: ${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped`,
  );
  for (const line of details) console.log(line);
  return summary;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 0; // a measurement, not a gate
});
