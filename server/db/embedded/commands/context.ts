/**
 * What every command handler receives: the storage engine, the cursor registry and facts about
 * the connection and the server. Handlers return the reply document (or a promise of it when
 * they must wait for the journal) and throw MongoCommandError for failures.
 */
import type { Doc, StorageEngine } from '../storage/api.js';
import type { CursorRegistry } from './cursors.js';

/** The subset of a pino-style logger the engine uses. */
export interface EngineLogger {
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
}

export interface ServerInfo {
  startedAt: Date;
  host: string;
  port: number;
  connections(): number;
  totalConnections(): number;
  /** mongod's serverStatus.opcounters: operations received since start, by kind. */
  opcounters: Opcounters;
}

export interface Opcounters {
  insert: number;
  query: number;
  update: number;
  delete: number;
  getmore: number;
  command: number;
}

/**
 * Counts one request the way mongod does: inserts per document, updates and deletes per
 * statement, finds as queries, getMores, and everything else (findAndModify, aggregate, count,
 * hello ...) as commands.
 */
export function countOperation(counters: Opcounters, cmd: Doc): void {
  const name = Object.keys(cmd)[0];
  const many = (key: string) => (Array.isArray(cmd[key]) ? (cmd[key] as unknown[]).length : 1);
  if (name === 'insert') counters.insert += many('documents');
  else if (name === 'update') counters.update += many('updates');
  else if (name === 'delete') counters.delete += many('deletes');
  else if (name === 'find') counters.query += 1;
  else if (name === 'getMore') counters.getmore += 1;
  else counters.command += 1;
}

export interface CommandContext {
  storage: StorageEngine;
  cursors: CursorRegistry;
  logger: EngineLogger;
  server: ServerInfo;
  connectionId: number;
  remote: string;
  /** True when the client wants no reply (w:0 / moreToCome): writes need not wait for fsync. */
  noReply: boolean;
  /** Whether a document of this request is over 16 MB (see insert.ts tooLargeCheck). */
  tooLarge: (d: Doc) => boolean;
}

export type CommandHandler = (cmd: Doc, ctx: CommandContext) => Doc | Promise<Doc>;
export type CommandTable = Record<string, CommandHandler>;

/** Awaits durability unless the client asked for no reply. */
export async function durable(ctx: CommandContext, reply: Doc): Promise<Doc> {
  if (ctx.noReply) {
    ctx.storage
      .sync()
      .catch((err: Error) => ctx.logger.error(`embedded-db: sync failed: ${err.message}`));
    return reply;
  }
  await ctx.storage.sync();
  return reply;
}
