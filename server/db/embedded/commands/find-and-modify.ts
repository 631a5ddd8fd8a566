/**
 * findAndModify. Selection and write happen synchronously in one turn of the event loop, with
 * no await in between: Agenda locks jobs by racing findOneAndUpdate calls and relies on exactly
 * one of them winning. Only the durability wait comes after.
 */
import { MongoCommandError } from '../errors.js';
import { compileProjection } from '../query/project.js';
import type { Doc } from '../storage/api.js';
import { durable, type CommandContext, type CommandTable } from './context.js';
import { collName, collationArg, dbName, docArg, selectOne, letArg } from './util.js';
import { compileUpdate, updateStored, upsertDoc } from './write-one.js';

function findAndModify(cmd: Doc, ctx: CommandContext): Doc | Promise<Doc> {
  const db = dbName(cmd);
  const name = collName(cmd, Object.keys(cmd)[0]);
  const query = docArg(cmd, 'query') ?? {};
  const sort = docArg(cmd, 'sort');
  const coll = ctx.storage.getCollection(db, name);
  const collation = collationArg(cmd, coll);
  const remove = cmd.remove === true;
  const returnNew = cmd.new === true;
  const fields = docArg(cmd, 'fields') ?? docArg(cmd, 'projection');
  if (remove && cmd.update !== undefined)
    throw new MongoCommandError('FailedToParse', 'Cannot specify both an update and remove=true');
  if (!remove && cmd.update === undefined)
    throw new MongoCommandError(
      'FailedToParse',
      'Either an update or remove=true must be specified',
    );
  if (remove && cmd.upsert === true)
    throw new MongoCommandError('FailedToParse', 'Cannot specify both upsert=true and remove=true');
  if (remove && returnNew)
    throw new MongoCommandError(
      'FailedToParse',
      "Cannot specify both new=true and remove=true; 'remove' always returns the deleted document",
    );
  const project = compileProjection(fields, query, { collation });
  const shape = (d: Doc | undefined | null) => (d ? (project ? project(d) : d) : null);

  const found = selectOne(coll, query, { sort, collation, variables: letArg(cmd) });
  if (remove) {
    if (found && coll) coll.remove(found._id);
    const reply = { lastErrorObject: { n: found ? 1 : 0 }, value: shape(found), ok: 1 };
    return found ? durable(ctx, reply) : reply;
  }
  const cu = compileUpdate(cmd.update);
  const o = {
    query,
    arrayFilters: cmd.arrayFilters as Doc[] | undefined,
    collation,
    variables: letArg(cmd),
  };
  if (found && coll) {
    const res = updateStored(coll, found, cu, o);
    const reply = {
      lastErrorObject: { n: 1, updatedExisting: true },
      value: shape(returnNew ? res.doc : found),
      ok: 1,
    };
    return res.modified ? durable(ctx, reply) : reply;
  }
  if (cmd.upsert !== true)
    return { lastErrorObject: { n: 0, updatedExisting: false }, value: null, ok: 1 };
  const doc = upsertDoc(cu, o);
  ctx.storage.ensureCollection(db, name).insert(doc);
  const reply = {
    lastErrorObject: { n: 1, updatedExisting: false, upserted: doc._id },
    value: shape(returnNew ? doc : null),
    ok: 1,
  };
  return durable(ctx, reply);
}

export const findAndModifyCommands: CommandTable = {
  findAndModify,
  findandmodify: findAndModify,
};
