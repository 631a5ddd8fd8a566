/**
 * Runs one unified-format test: builds its entities, loads `initialData`, runs the operations
 * through the driver, checks `expectResult` / `expectError`, then the `outcome`. `expectEvents`
 * are not checked (the runner measures results and outcomes).
 */
import { MongoClient, type Document } from 'mongodb';
import { checkError, Failure } from './expect-error.js';
import { describe, match, type Entities } from './match.js';
import { operations, Unsupported, type Entity } from './operations.js';

export type Status = 'passed' | 'failed' | 'skipped';
export interface TestResult {
  status: Status;
  reason?: string;
}

export interface FileContext {
  uri: string;
  /** The runner's own client for setup and outcome checks. */
  internal: MongoClient;
}

async function createEntities(
  specs: Document[],
  ctx: FileContext,
  entities: Entities,
  clients: MongoClient[],
): Promise<void> {
  for (const spec of specs) {
    const [kind, def] = Object.entries(spec)[0] as [string, Document];
    if (kind === 'client') {
      if (def.serverApi) throw new Unsupported('declared serverApi versions are not exercised');
      const client = new MongoClient(ctx.uri, {
        serverSelectionTimeoutMS: 5000,
        ...(def.uriOptions ?? {}),
      });
      clients.push(client);
      entities.set(def.id, client);
    } else if (kind === 'database') {
      const client = entities.get(def.client) as MongoClient;
      entities.set(def.id, client.db(def.databaseName, def.databaseOptions ?? {}));
    } else if (kind === 'collection') {
      const db = entities.get(def.database) as ReturnType<MongoClient['db']>;
      entities.set(def.id, db.collection(def.collectionName, def.collectionOptions ?? {}));
    } else {
      throw new Unsupported(`${kind} entities are not supported`);
    }
  }
}

async function loadInitialData(data: Document[] | undefined, ctx: FileContext): Promise<void> {
  for (const coll of data ?? []) {
    const db = ctx.internal.db(coll.databaseName);
    await db
      .dropCollection(coll.collectionName, { writeConcern: { w: 'majority' } })
      .catch(() => false);
    if (coll.createOptions || coll.documents.length === 0) {
      await db.createCollection(coll.collectionName, {
        ...(coll.createOptions ?? {}),
        writeConcern: { w: 'majority' },
      });
    }
    if (coll.documents.length > 0) {
      await db
        .collection(coll.collectionName)
        .insertMany(coll.documents, { writeConcern: { w: 'majority' } });
    }
  }
}

const CURSOR_OPS = new Set([
  'find',
  'aggregate',
  'listIndexes',
  'listCollections',
  'listDatabases',
]);

async function runOperation(op: Document, entities: Entities): Promise<void> {
  if (op.object === 'testRunner')
    throw new Unsupported(`testRunner.${op.name} (fail points and test-runner assertions)`);
  const target = entities.get(op.object) as Entity | undefined;
  if (!target) throw new Failure(`unknown entity ${op.object}`);
  const fn = operations[op.name];
  if (!fn) throw new Unsupported(`operation ${op.name} is not implemented by the runner`);
  let result: unknown;
  let error: Error | undefined;
  try {
    result = await fn(target, (op.arguments ?? {}) as Document);
  } catch (err) {
    if (err instanceof Unsupported) throw err;
    error = err as Error;
  }
  if (op.ignoreResultAndError) return;
  if (op.expectError) {
    if (!error) throw new Failure(`${op.name}: expected an error, got ${describe(result)}`);
    checkError(op.expectError, error, entities);
    return;
  }
  if (error) throw new Failure(`${op.name}: unexpected ${error.name}: ${error.message}`);
  if (op.expectResult !== undefined) {
    // documents returned by cursors are root documents (extra fields allowed); distinct values are not
    const rootElements = CURSOR_OPS.has(op.name) && Array.isArray(op.expectResult);
    const diff = rootElements
      ? Array.isArray(result) && result.length === op.expectResult.length
        ? (op.expectResult
            .map((e: unknown, i: number) => match(e, result[i], true, entities, `$[${i}]`))
            .find(Boolean) ?? null)
        : `expected ${op.expectResult.length} documents, got ${describe(result)}`
      : match(op.expectResult, result, true, entities);
    if (diff) throw new Failure(`${op.name} result: ${diff}`);
  }
  if (op.saveResultAsEntity) entities.set(op.saveResultAsEntity, result);
}

async function checkOutcome(
  outcome: Document[] | undefined,
  ctx: FileContext,
  entities: Entities,
): Promise<void> {
  for (const coll of outcome ?? []) {
    const docs = await ctx.internal
      .db(coll.databaseName)
      .collection(coll.collectionName)
      .find({}, { sort: { _id: 1 } })
      .toArray();
    const diff = match(coll.documents, docs, false, entities, `outcome ${coll.collectionName}`);
    if (diff) throw new Failure(diff);
  }
}

/** Runs one test and reports passed / failed / skipped with a reason. */
export async function runTest(
  file: Document,
  test: Document,
  ctx: FileContext,
): Promise<TestResult> {
  if (test.skipReason)
    return { status: 'skipped', reason: `skipped by the spec: ${test.skipReason}` };
  const entities: Entities = new Map();
  const clients: MongoClient[] = [];
  try {
    await createEntities(file.createEntities ?? [], ctx, entities, clients);
    await loadInitialData(file.initialData, ctx);
    for (const op of test.operations) await runOperation(op, entities);
    await checkOutcome(test.outcome, ctx, entities);
    return { status: 'passed' };
  } catch (err) {
    if (err instanceof Unsupported) return { status: 'skipped', reason: err.message };
    if (err instanceof Failure) return { status: 'failed', reason: err.message };
    return { status: 'failed', reason: `${(err as Error).name}: ${(err as Error).message}` };
  } finally {
    await Promise.all(clients.map((c) => c.close()));
  }
}
