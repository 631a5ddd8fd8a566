/**
 * One client connection: frames the byte stream into messages, runs them strictly in arrival
 * order (a reply never overtakes an earlier one) and writes replies. Anything malformed closes
 * this connection with one log line; nothing thrown here may reach the process.
 */
import type { Socket } from 'node:net';
import { MAX_MESSAGE_SIZE } from '../codec.js';
import type { EngineLogger } from '../commands/context.js';
import { buildOpMsgReply, buildOpReply, OP_QUERY, parseMessage, type Request } from './protocol.js';

export type Reply = Record<string, unknown> | null;
/** Runs one request; null means "send nothing" (moreToCome). */
export type RequestHandler = (req: Request, conn: Connection) => Reply | Promise<Reply>;

export class Connection {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private queue: Buffer[] = [];
  private running = false;
  private closed = false;

  constructor(
    readonly id: number,
    readonly socket: Socket,
    private readonly handler: RequestHandler,
    private readonly logger: EngineLogger,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk) => this.onData(chunk));
    socket.on('error', () => this.close());
    socket.on('close', () => {
      this.closed = true;
    });
  }

  get remote(): string {
    return `${this.socket.remoteAddress ?? '?'}:${this.socket.remotePort ?? 0}`;
  }

  close(reason?: string): void {
    if (reason)
      this.logger.warn(`embedded-db: closing connection ${this.id} (${this.remote}): ${reason}`);
    this.closed = true;
    this.chunks = [];
    this.queue = [];
    this.socket.destroy();
  }

  /** Buffers chunks and concatenates once per message, so a 48 MB message is not copied per chunk. */
  private onData(chunk: Buffer): void {
    if (this.closed) return;
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    while (this.buffered >= 4) {
      if (this.chunks[0].length < 4) this.chunks = [Buffer.concat(this.chunks)];
      const len = this.chunks[0].readInt32LE(0);
      if (len < 16 || len > MAX_MESSAGE_SIZE) {
        this.close(`bad message length ${len}`);
        return;
      }
      if (this.buffered < len) break;
      const all = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
      this.queue.push(all.subarray(0, len));
      const rest = all.subarray(len);
      this.chunks = rest.length > 0 ? [rest] : [];
      this.buffered = rest.length;
    }
    if (!this.running) void this.drain();
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.length > 0 && !this.closed) {
        const msg = this.queue.shift() as Buffer;
        let req: Request;
        try {
          req = parseMessage(msg);
        } catch (err) {
          this.close(`malformed message: ${(err as Error).message}`);
          return;
        }
        let reply = this.handler(req, this);
        if (reply instanceof Promise) reply = await reply;
        if (reply && !req.moreToCome && !this.closed) this.send(req, reply);
      }
    } catch (err) {
      this.close(`internal error: ${(err as Error).stack ?? String(err)}`);
    } finally {
      this.running = false;
    }
  }

  private send(req: Request, reply: Record<string, unknown>): void {
    const build = req.opCode === OP_QUERY ? buildOpReply : buildOpMsgReply;
    let out: Buffer;
    try {
      out = build(req.requestId, reply);
    } catch (err) {
      // A reply that cannot be encoded (e.g. over the size limit) becomes an error reply.
      const errmsg = `cannot encode reply: ${(err as Error).message}`;
      this.logger.warn(`embedded-db: ${errmsg}`);
      out = build(req.requestId, { ok: 0, errmsg, code: 10334, codeName: 'BSONObjectTooLarge' });
    }
    this.socket.write(out);
  }
}
