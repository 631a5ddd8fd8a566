/**
 * The TCP server: accepts connections, hands each decoded request to the command dispatcher and
 * keeps the bookkeeping serverStatus reports. Uses `net` directly: the protocol is simple and
 * per-command overhead is what the benchmark measures.
 */
import { rmSync } from 'node:fs';
import net from 'node:net';
import { runCommand } from '../commands/index.js';
import { countOperation, type CommandContext, type EngineLogger } from '../commands/context.js';
import type { CursorRegistry } from '../commands/cursors.js';
import { tooLargeCheck } from '../commands/insert.js';
import type { StorageEngine } from '../storage/api.js';
import { Connection } from './connection.js';
import type { Request } from './protocol.js';

export interface WireServer {
  port: number;
  close(): Promise<void>;
}

export interface WireServerOptions {
  host: string;
  /** Also listen on this Unix socket (the owner of the data directory's lock only). */
  socketPath?: string;
  port: number;
  storage: StorageEngine;
  cursors: CursorRegistry;
  logger: EngineLogger;
}

/** Starts listening; resolves once the port is bound. */
export function startWireServer(o: WireServerOptions): Promise<WireServer> {
  const connections = new Set<Connection>();
  let nextId = 1;
  let total = 0;
  let boundPort = o.port;
  const server = net.createServer();
  const startedAt = new Date();
  const info = {
    startedAt,
    host: o.host,
    get port() {
      return boundPort;
    },
    connections: () => connections.size,
    totalConnections: () => total,
    opcounters: { insert: 0, query: 0, update: 0, delete: 0, getmore: 0, command: 0 },
  };

  const handle = (req: Request, conn: Connection) => {
    countOperation(info.opcounters, req.command);
    const ctx: CommandContext = {
      storage: o.storage,
      cursors: o.cursors,
      logger: o.logger,
      server: info,
      connectionId: conn.id,
      remote: conn.remote,
      noReply: req.moreToCome,
      tooLarge: tooLargeCheck(req.oversized, req.bodyBytes),
    };
    return runCommand(req.command, ctx);
  };

  const onConnection = (socket: net.Socket) => {
    total++;
    const conn = new Connection(nextId++, socket, handle, o.logger);
    connections.add(conn);
    socket.on('close', () => connections.delete(conn));
  };
  server.on('connection', onConnection);
  const local = o.socketPath ? net.createServer(onConnection) : null;
  local?.on('error', (err) => o.logger.error(`embedded-db: socket error: ${err.message}`));
  server.on('error', (err) => o.logger.error(`embedded-db: server error: ${err.message}`));

  return new Promise((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    server.once('error', onError);
    server.listen(o.port, o.host, () => {
      server.off('error', onError);
      if (local && o.socketPath) {
        // A socket file left by a process that died is ours to replace: we hold the lock.
        rmSync(o.socketPath, { force: true });
        local.listen(o.socketPath);
      }
      boundPort = (server.address() as net.AddressInfo).port;
      resolve({
        port: boundPort,
        close: () =>
          new Promise<void>((done) => {
            local?.close(); // removes the socket file
            server.close(() => done());
            for (const c of connections) c.close();
          }),
      });
    });
  });
}
