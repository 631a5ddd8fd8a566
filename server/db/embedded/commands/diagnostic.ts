/**
 * Handshake and server-information commands. The engine presents itself as a standalone mongod
 * 7.0: no setName and no topologyVersion, so drivers use plain polling and never expect
 * transactions, change streams or retryable writes.
 */
import { hostname, totalmem, cpus, platform, arch } from 'node:os';
import { Long, UUID } from 'bson';
import { MAX_BSON_SIZE, MAX_MESSAGE_SIZE } from '../codec.js';
import { MongoCommandError } from '../errors.js';
import type { Doc } from '../storage/api.js';
import type { CommandContext, CommandTable } from './context.js';

export const VERSION = '7.0.0';

function hello(_cmd: Doc, ctx: CommandContext): Doc {
  return {
    helloOk: true,
    ismaster: true,
    isWritablePrimary: true,
    maxBsonObjectSize: MAX_BSON_SIZE,
    maxMessageSizeBytes: MAX_MESSAGE_SIZE,
    maxWriteBatchSize: 100000,
    localTime: new Date(),
    logicalSessionTimeoutMinutes: 30,
    connectionId: ctx.connectionId,
    minWireVersion: 0,
    maxWireVersion: 21,
    readOnly: false,
    ok: 1,
  };
}

function buildInfo(): Doc {
  return {
    version: VERSION,
    gitVersion: 'atelier-embedded',
    versionArray: [7, 0, 0, 0],
    bits: 64,
    debug: false,
    maxBsonObjectSize: MAX_BSON_SIZE,
    storageEngines: ['atelier-embedded'],
    javascriptEngine: 'none',
    modules: [],
    openssl: { running: 'disabled' },
    buildEnvironment: {},
    ok: 1,
  };
}

function serverStatus(_cmd: Doc, ctx: CommandContext): Doc {
  const uptimeMs = Date.now() - ctx.server.startedAt.getTime();
  const mem = process.memoryUsage();
  return {
    host: `${hostname()}:${ctx.server.port}`,
    version: VERSION,
    process: 'mongod',
    pid: Long.fromNumber(process.pid),
    uptime: Math.floor(uptimeMs / 1000),
    uptimeMillis: Long.fromNumber(uptimeMs),
    uptimeEstimate: Long.fromNumber(Math.floor(uptimeMs / 1000)),
    localTime: new Date(),
    connections: {
      current: ctx.server.connections(),
      available: 1000,
      totalCreated: ctx.server.totalConnections(),
    },
    mem: {
      bits: 64,
      resident: Math.round(mem.rss / 1048576),
      virtual: Math.round(mem.rss / 1048576),
      supported: true,
    },
    opcounters: { ...ctx.server.opcounters },
    metrics: { cursor: { open: { total: Long.fromNumber(ctx.cursors.size) } } },
    storageEngine: { name: 'atelier-embedded', supportsCommittedReads: false, persistent: true },
    embedded: ctx.storage.stats(),
    ok: 1,
  };
}

function getParameter(cmd: Doc): Doc {
  const out: Doc = { ok: 1 };
  if (cmd.featureCompatibilityVersion !== undefined || cmd.getParameter === '*') {
    out.featureCompatibilityVersion = { version: '7.0' };
  }
  return out;
}

function transactionsRefused(): never {
  throw new MongoCommandError(
    'IllegalOperation',
    'Transaction numbers are only allowed on a replica set member or mongos',
  );
}

export const diagnosticCommands: CommandTable = {
  hello,
  ismaster: hello,
  isMaster: hello,
  ping: () => ({ ok: 1 }),
  buildInfo,
  buildinfo: buildInfo,
  serverStatus,
  getParameter,
  hostInfo: () => ({
    system: {
      currentTime: new Date(),
      hostname: hostname(),
      cpuAddrSize: 64,
      memSizeMB: Math.round(totalmem() / 1048576),
      numCores: cpus().length,
      cpuArch: arch(),
    },
    os: { type: platform(), name: platform(), version: '' },
    extra: {},
    ok: 1,
  }),
  whatsmyuri: (_cmd, ctx) => ({ you: ctx.remote, ok: 1 }),
  getLog: (cmd) =>
    cmd.getLog === '*'
      ? { names: ['global', 'startupWarnings'], ok: 1 }
      : { totalLinesWritten: 0, log: [], ok: 1 },
  getCmdLineOpts: () => ({ argv: ['atelier-embedded'], parsed: {}, ok: 1 }),
  connectionStatus: () => ({
    authInfo: { authenticatedUsers: [], authenticatedUserRoles: [] },
    ok: 1,
  }),
  listCommands: () => ({ commands: {}, ok: 1 }),
  endSessions: () => ({ ok: 1 }),
  killSessions: () => ({ ok: 1 }),
  killAllSessions: () => ({ ok: 1 }),
  refreshSessions: () => ({ ok: 1 }),
  startSession: () => ({ id: { id: new UUID() }, timeoutMinutes: 30, ok: 1 }),
  abortTransaction: transactionsRefused,
  commitTransaction: transactionsRefused,
  getFreeMonitoringStatus: () => ({ state: 'disabled', ok: 1 }),
  logout: () => ({ ok: 1 }),
};
