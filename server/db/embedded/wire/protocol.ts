/**
 * Parsing and building wire-protocol messages (OP_MSG, legacy OP_QUERY / OP_REPLY). Every parse
 * error throws a ProtocolError; the connection closes on it, the process never crashes.
 */
import { BSON } from 'bson';
import { decodeDocument, MAX_BSON_SIZE } from '../codec.js';

export const OP_REPLY = 1;
export const OP_QUERY = 2004;
export const OP_MSG = 2013;

const FLAG_CHECKSUM = 1;
const FLAG_MORE_TO_COME = 2;

export class ProtocolError extends Error {}

/** One decoded client request. */
export interface Request {
  requestId: number;
  opCode: number;
  /** The command document (kind 1 sequences merged in as arrays). */
  command: Record<string, unknown>;
  /** No reply wanted (OP_MSG moreToCome). */
  moreToCome: boolean;
  /** Documents from kind 1 sequences bigger than 16 MB (refused with BSONObjectTooLarge). */
  oversized: Set<unknown> | null;
  /** Size of the body section (a body over 16 MB may hold an oversized document). */
  bodyBytes: number;
}

function readCString(buf: Buffer, start: number, end: number): [string, number] {
  const zero = buf.indexOf(0, start);
  if (zero < 0 || zero >= end) throw new ProtocolError('unterminated cstring');
  return [buf.toString('utf8', start, zero), zero + 1];
}

/** Reads the BSON document at `pos` (bounded by `end`); returns it and its size. */
function readDoc(buf: Buffer, pos: number, end: number): [Record<string, unknown>, number] {
  if (pos + 5 > end) throw new ProtocolError('truncated document');
  const size = buf.readInt32LE(pos);
  if (size < 5 || pos + size > end) throw new ProtocolError(`bad document length ${size}`);
  return [decodeDocument(buf.subarray(pos, pos + size)), size];
}

function parseOpMsg(buf: Buffer, requestId: number): Request {
  const flags = buf.readUInt32LE(16);
  // The checksum (CRC-32C) is tolerated, not verified: TCP already guards loopback traffic.
  const end = flags & FLAG_CHECKSUM ? buf.length - 4 : buf.length;
  let pos = 20;
  let command: Record<string, unknown> | null = null;
  let bodyBytes = 0;
  const sequences: [string, unknown[]][] = [];
  let oversized: Set<unknown> | null = null;
  while (pos < end) {
    const kind = buf[pos++];
    if (kind === 0) {
      if (command) throw new ProtocolError('more than one body section');
      const [doc, size] = readDoc(buf, pos, end);
      command = doc;
      bodyBytes = size;
      pos += size;
    } else if (kind === 1) {
      if (pos + 4 > end) throw new ProtocolError('truncated sequence');
      const size = buf.readInt32LE(pos);
      const seqEnd = pos + size;
      if (size < 5 || seqEnd > end) throw new ProtocolError(`bad sequence length ${size}`);
      const [name, docsStart] = readCString(buf, pos + 4, seqEnd);
      const docs: unknown[] = [];
      let p = docsStart;
      while (p < seqEnd) {
        const [doc, docSize] = readDoc(buf, p, seqEnd);
        if (docSize > MAX_BSON_SIZE) (oversized ??= new Set()).add(doc);
        docs.push(doc);
        p += docSize;
      }
      sequences.push([name, docs]);
      pos = seqEnd;
    } else {
      throw new ProtocolError(`unknown section kind ${kind}`);
    }
  }
  if (!command) throw new ProtocolError('OP_MSG without a body section');
  for (const [name, docs] of sequences) command[name] = docs;
  return {
    requestId,
    opCode: OP_MSG,
    command,
    moreToCome: (flags & FLAG_MORE_TO_COME) !== 0,
    oversized,
    bodyBytes,
  };
}

function parseOpQuery(buf: Buffer, requestId: number): Request {
  const [ns, pos] = readCString(buf, 20, buf.length);
  const [query] = readDoc(buf, pos + 8, buf.length);
  // Legacy OP_QUERY is only used for the handshake; unwrap {$query: {...}} if a driver sent it.
  const command = (query.$query as Record<string, unknown> | undefined) ?? query;
  const db = ns.endsWith('.$cmd') ? ns.slice(0, -5) : ns;
  if (command.$db === undefined) command.$db = db;
  return { requestId, opCode: OP_QUERY, command, moreToCome: false, oversized: null, bodyBytes: 0 };
}

/** Parses one complete message (header included). */
export function parseMessage(buf: Buffer): Request {
  const requestId = buf.readInt32LE(4);
  const opCode = buf.readInt32LE(12);
  if (opCode === OP_MSG) {
    if (buf.length < 21) throw new ProtocolError('OP_MSG too short');
    return parseOpMsg(buf, requestId);
  }
  if (opCode === OP_QUERY) return parseOpQuery(buf, requestId);
  throw new ProtocolError(`unsupported opCode ${opCode}`);
}

let nextResponseId = 1;

/** Builds an OP_MSG reply carrying one body document. */
export function buildOpMsgReply(responseTo: number, body: Record<string, unknown>): Buffer {
  const bson = BSON.serialize(body, { ignoreUndefined: true });
  const out = Buffer.allocUnsafe(21 + bson.length);
  out.writeInt32LE(out.length, 0);
  out.writeInt32LE(nextResponseId++ & 0x7fffffff, 4);
  out.writeInt32LE(responseTo, 8);
  out.writeInt32LE(OP_MSG, 12);
  out.writeUInt32LE(0, 16);
  out[20] = 0;
  out.set(bson, 21);
  return out;
}

/** Builds a legacy OP_REPLY carrying one document (the handshake answer). */
export function buildOpReply(responseTo: number, body: Record<string, unknown>): Buffer {
  const bson = BSON.serialize(body, { ignoreUndefined: true });
  const out = Buffer.alloc(36 + bson.length);
  out.writeInt32LE(out.length, 0);
  out.writeInt32LE(nextResponseId++ & 0x7fffffff, 4);
  out.writeInt32LE(responseTo, 8);
  out.writeInt32LE(OP_REPLY, 12);
  out.writeInt32LE(8, 16); // responseFlags: AwaitCapable
  // cursorID (8 bytes) and startingFrom stay zero.
  out.writeInt32LE(1, 32); // numberReturned
  out.set(bson, 36);
  return out;
}
