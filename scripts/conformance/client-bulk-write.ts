/**
 * The unified format's `clientBulkWrite`: models are `{ insertOne: { namespace, document } }`
 * documents, the driver wants `{ name: 'insertOne', namespace, document }`.
 */
import type { Document, MongoClient } from 'mongodb';
import { numericValues, options, Unsupported, type Args, type Entity } from './arguments.js';

/** Maps (verbose client bulk results) become plain documents keyed by operation index. */
function plain(value: unknown): unknown {
  if (value instanceof Map)
    return Object.fromEntries([...value].map(([k, v]) => [String(k), plain(v)]));
  return value;
}

/** `MongoClient.bulkWrite` (the unified format's clientBulkWrite) with results as plain documents. */
export async function clientBulkWrite(target: Entity, args: Args): Promise<unknown> {
  if (!('bulkWrite' in target) || 'collectionName' in target)
    throw new Unsupported('clientBulkWrite on a non-client entity');
  const models = (args.models as Document[]).map((m) => {
    const [name, body] = Object.entries(m)[0] as [string, Document];
    const copy: Document = { ...body };
    if (copy.sort) copy.sort = numericValues(copy.sort);
    return { name, ...copy };
  });
  const client = target as MongoClient;
  const r = await client.bulkWrite(
    models as unknown as Parameters<MongoClient['bulkWrite']>[0],
    options(args, 'models'),
  );
  const out: Document = {
    insertedCount: r.insertedCount,
    upsertedCount: r.upsertedCount,
    matchedCount: r.matchedCount,
    modifiedCount: r.modifiedCount,
    deletedCount: r.deletedCount,
  };
  for (const key of ['insertResults', 'updateResults', 'deleteResults'] as const) {
    if (r[key] !== undefined) out[key] = plain(r[key]);
  }
  return out;
}
