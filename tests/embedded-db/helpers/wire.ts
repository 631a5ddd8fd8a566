/** Raw wire-protocol helpers for the fuzz test: message builders and a socket-level ping. */
import net from 'node:net';
import { deserialize, serialize, type Document } from 'bson';

export const OP_REPLY = 1;
export const OP_QUERY = 2004;
export const OP_MSG = 2013;

/** host and port from a mongodb:// URI (first host). */
export function hostPort(uri: string): { host: string; port: number } {
  const m = /^mongodb:\/\/(?:[^@/]*@)?(\[[^\]]+\]|[^:/,]+)(?::(\d+))?/.exec(uri);
  if (!m) throw new Error(`cannot parse ${uri}`);
  return { host: m[1].replace(/^\[|\]$/g, ''), port: Number(m[2] ?? 27017) };
}

function header(length: number, requestId: number, opCode: number): Buffer {
  const h = Buffer.alloc(16);
  h.writeInt32LE(length, 0);
  h.writeInt32LE(requestId, 4);
  h.writeInt32LE(0, 8);
  h.writeInt32LE(opCode, 12);
  return h;
}

/** An OP_MSG with one body section and optional document-sequence sections. */
export function opMsg(
  body: Document,
  requestId = 1,
  flags = 0,
  sequences: [string, Document[]][] = [],
): Buffer {
  const parts: Buffer[] = [Buffer.alloc(4), Buffer.from([0]), Buffer.from(serialize(body))];
  parts[0].writeUInt32LE(flags, 0);
  for (const [id, docs] of sequences) {
    const payload = Buffer.concat([
      Buffer.from(`${id}\0`),
      ...docs.map((d) => Buffer.from(serialize(d))),
    ]);
    const size = Buffer.alloc(4);
    size.writeInt32LE(payload.length + 4, 0);
    parts.push(Buffer.from([1]), size, payload);
  }
  const rest = Buffer.concat(parts);
  return Buffer.concat([header(16 + rest.length, requestId, OP_MSG), rest]);
}

/** A legacy OP_QUERY (the driver's first `ismaster`). */
export function opQuery(ns: string, query: Document, requestId = 1): Buffer {
  const flags = Buffer.alloc(4);
  const nums = Buffer.alloc(8);
  nums.writeInt32LE(0, 0);
  nums.writeInt32LE(-1, 4);
  const rest = Buffer.concat([flags, Buffer.from(`${ns}\0`), nums, Buffer.from(serialize(query))]);
  return Buffer.concat([header(16 + rest.length, requestId, OP_QUERY), rest]);
}

/** Sends `bytes` and resolves with the first complete reply, or rejects after `timeoutMs`. */
export function roundTrip(
  host: string,
  port: number,
  bytes: Buffer,
  timeoutMs: number,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    let got = Buffer.alloc(0);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no reply within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    socket.on('connect', () => socket.write(bytes));
    socket.on('data', (chunk) => {
      got = Buffer.concat([got, chunk]);
      if (got.length >= 4 && got.length >= got.readInt32LE(0)) {
        clearTimeout(timer);
        socket.destroy();
        resolve(got.subarray(0, got.readInt32LE(0)));
      }
    });
    socket.on('close', () => {
      clearTimeout(timer);
      reject(new Error('connection closed without a reply'));
    });
  });
}

/** The body document of an OP_MSG reply (section kind 0) or the first document of an OP_REPLY. */
export function replyBody(reply: Buffer): Document {
  const opCode = reply.readInt32LE(12);
  if (opCode === OP_MSG) return deserialize(reply.subarray(21));
  if (opCode === OP_REPLY) return deserialize(reply.subarray(36));
  throw new Error(`unexpected reply opCode ${opCode}`);
}

/** Pings over a fresh raw connection; resolves with the reply body. */
export async function rawPing(host: string, port: number, timeoutMs = 3000): Promise<Document> {
  return replyBody(await roundTrip(host, port, opMsg({ ping: 1, $db: 'admin' }, 7), timeoutMs));
}

/**
 * Sends hostile bytes on a fresh connection, half-closes, and waits until the server closes the
 * connection or `timeoutMs` passes (then destroys it). Never rejects: the verdict is the next ping.
 */
export function sendHostile(
  host: string,
  port: number,
  bytes: Buffer,
  timeoutMs: number,
): Promise<'closed' | 'timeout'> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve('timeout');
    }, timeoutMs);
    socket.on('error', () => undefined);
    socket.on('data', () => undefined);
    socket.on('connect', () => {
      socket.write(bytes, () => socket.end());
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve('closed');
    });
  });
}
