/**
 * The command dispatcher: the first key of the command document names the command; unknown
 * names get mongod's CommandNotFound. Every failure becomes an error reply with mongod's code,
 * never an exception out of here.
 */
import { MongoCommandError, NO_SCRIPTS } from '../errors.js';
import type { Doc } from '../storage/api.js';
import { aggregateCommands } from './aggregate.js';
import { collectionCommands } from './collections.js';
import type { CommandContext, CommandTable } from './context.js';
import { diagnosticCommands } from './diagnostic.js';
import { findAndModifyCommands } from './find-and-modify.js';
import { findCommands } from './find.js';
import { indexCommands } from './indexes.js';
import { insertCommands } from './insert.js';
import { statsCommands } from './stats.js';
import { updateCommands } from './update.js';

const TABLE: CommandTable = Object.assign(
  Object.create(null) as CommandTable,
  diagnosticCommands,
  insertCommands,
  updateCommands,
  findAndModifyCommands,
  findCommands,
  aggregateCommands,
  collectionCommands,
  indexCommands,
  statsCommands,
);

/** Turns anything thrown into mongod's error reply shape. */
/** mingo's messages name its own options; say what it means for a client instead. */
function clearer(message: string): string {
  return /requires 'scriptEnabled'/.test(message) ? NO_SCRIPTS : message;
}

export function errorReply(err: unknown, ctx: CommandContext): Doc {
  if (err instanceof MongoCommandError) return err.toReply();
  const e = err as Error;
  if (e?.constructor?.name === 'MingoError')
    return { ok: 0, errmsg: clearer(e.message), code: 2, codeName: 'BadValue' };
  if (e?.name === 'BSONError') return { ok: 0, errmsg: e.message, code: 2, codeName: 'BadValue' };
  ctx.logger.error(`embedded-db: command failed: ${e?.stack ?? String(err)}`);
  return { ok: 0, errmsg: e?.message ?? String(err), code: 1, codeName: 'InternalError' };
}

/** Runs one command document; always resolves to a reply. */
export function runCommand(cmd: Doc, ctx: CommandContext): Doc | Promise<Doc> {
  const name = Object.keys(cmd)[0];
  const handler = name === undefined ? undefined : TABLE[name];
  if (!handler) {
    return {
      ok: 0,
      errmsg: `no such command: '${name ?? ''}'`,
      code: 59,
      codeName: 'CommandNotFound',
    };
  }
  // A standalone refuses transactions and retryable-write transaction numbers, as mongod does.
  if (cmd.txnNumber !== undefined || cmd.autocommit === false || cmd.startTransaction === true) {
    return new MongoCommandError(
      'IllegalOperation',
      'Transaction numbers are only allowed on a replica set member or mongos',
    ).toReply();
  }
  try {
    const reply = handler(cmd, ctx);
    if (reply instanceof Promise) return reply.catch((err: unknown) => errorReply(err, ctx));
    return reply;
  } catch (err) {
    return errorReply(err, ctx);
  }
}
