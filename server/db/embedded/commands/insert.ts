/**
 * insert: each document gets an `_id` (first field) and goes in on its own; failures become
 * writeErrors (ordered stops at the first, unordered carries on), as mongod reports them.
 */
import { ObjectId } from 'bson';
import { bsonSize, MAX_BSON_SIZE } from '../codec.js';
import { MongoCommandError } from '../errors.js';
import { isDocument } from '../query/values.js';
import type { Doc } from '../storage/api.js';
import { durable, type CommandContext, type CommandTable } from './context.js';
import { collName, dbName } from './util.js';

/** Document-level checks mongod makes before storing, then `_id` first. */
export function prepareForInsert(doc: unknown, tooLarge: (d: Doc) => boolean): Doc {
  if (!isDocument(doc)) throw new MongoCommandError('TypeMismatch', 'documents must be objects');
  if (tooLarge(doc)) {
    throw new MongoCommandError(
      'BSONObjectTooLarge',
      `object to insert too large. size in bytes: ${bsonSize(doc)}, max size: ${MAX_BSON_SIZE}`,
    );
  }
  const id = doc._id;
  if (Array.isArray(id)) throw new MongoCommandError('BadValue', "can't use an array for _id");
  if (id instanceof RegExp) throw new MongoCommandError('BadValue', "can't use a regex for _id");
  // Since 5.0 `$`-prefixed field names are storable, except inside _id.
  if (isDocument(id)) {
    const bad = Object.keys(id).find((k) => k.startsWith('$'));
    if (bad) {
      throw new MongoCommandError(
        'DollarPrefixedFieldName',
        `_id fields may not contain '$'-prefixed fields: ${bad} is not valid for storage.`,
      );
    }
  }
  if (id === undefined) return { _id: new ObjectId(), ...doc };
  if (Object.keys(doc)[0] === '_id') return doc;
  const { _id, ...rest } = doc;
  return { _id, ...rest };
}

/** A writeErrors entry from any thrown error. */
export function writeError(index: number, err: unknown): Doc {
  if (err instanceof MongoCommandError) {
    return { index, code: err.code, errmsg: err.message, ...err.extra };
  }
  return {
    index,
    code: 1,
    codeName: 'InternalError',
    errmsg: (err as Error)?.message ?? String(err),
  };
}

interface InsertCommand extends Doc {
  documents?: unknown[];
  ordered?: boolean;
}

async function insert(
  cmd: InsertCommand,
  ctx: CommandContext,
  tooLarge: (d: Doc) => boolean,
): Promise<Doc> {
  const db = dbName(cmd);
  const name = collName(cmd, 'insert');
  const docs = cmd.documents;
  if (!Array.isArray(docs))
    throw new MongoCommandError(
      'FailedToParse',
      "BSON field 'insert.documents' is missing but a required field",
    );
  if (docs.length > 100000)
    throw new MongoCommandError('InvalidLength', 'Write batch sizes must be between 1 and 100000.');
  const ordered = cmd.ordered !== false;
  const coll = ctx.storage.ensureCollection(db, name);
  const errors: Doc[] = [];
  let n = 0;
  for (let i = 0; i < docs.length; i++) {
    try {
      coll.insert(prepareForInsert(docs[i], tooLarge));
      n++;
    } catch (err) {
      errors.push(writeError(i, err));
      if (ordered) break;
    }
  }
  const reply: Doc = { n, ok: 1 };
  if (errors.length) reply.writeErrors = errors;
  return n > 0 ? durable(ctx, reply) : reply;
}

/** Whether a document is over 16 MB: the wire layer knows it for document sequences for free. */
export function tooLargeCheck(
  oversized: Set<unknown> | null,
  bodyBytes: number,
): (d: Doc) => boolean {
  if (bodyBytes > MAX_BSON_SIZE) return (d) => bsonSize(d) > MAX_BSON_SIZE;
  return oversized ? (d) => oversized.has(d) : () => false;
}

export const insertCommands: CommandTable = {
  insert: (cmd, ctx) => insert(cmd as InsertCommand, ctx, ctx.tooLarge),
};
