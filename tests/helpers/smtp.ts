/**
 * A real SMTP peer for mail tests: smtp-server in this process on a free loopback port, collecting
 * what it accepts. It can be taken down and brought back (connections refused in between), refuse
 * recipients with an SMTP error, hold its answer to a message, or lose its answer (take the
 * message, then drop the connection: the sender cannot know it arrived).
 */
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface SmtpPeer {
  url: string;
  /** Every message the peer accepted (or took before dropping the connection), in order. */
  received: ParsedMail[];
  /** While set, every recipient is refused with this SMTP code (e.g. 451, 550). */
  refuseWith: number | null;
  /** While set, the answer to a message is withheld until release() (mail in flight). */
  hold: boolean;
  /** While set, a message is taken and then the connection dropped without an answer. */
  dropAfterData: boolean;
  /** Resolves when a message is being held. */
  held(): Promise<void>;
  release(): void;
  /** Stops listening: connections are refused until up(). */
  down(): Promise<void>;
  /** Listens again on the same port. */
  up(): Promise<void>;
  /** Forgets received messages and clears every switch (beforeEach). */
  reset(): void;
  close(): Promise<void>;
}

/** The message's single recipient address as text. */
export function recipient(mail: ParsedMail): string {
  return mail.to && 'text' in mail.to ? mail.to.text : '';
}

/** Starts a peer on a free loopback port. */
export async function startSmtpPeer(): Promise<SmtpPeer> {
  let server: SMTPServer;
  let port = 0;
  let releaseHeld: (() => void) | undefined;
  let heldSignal: (() => void) | undefined;
  let heldPromise = new Promise<void>((r) => (heldSignal = r));

  const create = () =>
    new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      closeTimeout: 100,
      onRcptTo(_address, _session, callback) {
        if (peer.refuseWith)
          return callback(
            Object.assign(new Error('Service unavailable'), { responseCode: peer.refuseWith }),
          );
        callback();
      },
      onData(stream, _session, callback) {
        simpleParser(stream).then(async (mail) => {
          peer.received.push(mail);
          if (peer.dropAfterData) {
            // The answer is lost: the sender sees the connection close after its message.
            for (const c of server.connections) c.close();
            return;
          }
          if (peer.hold) {
            await new Promise<void>((resolve) => {
              releaseHeld = resolve;
              heldSignal?.();
              heldPromise = new Promise<void>((r) => (heldSignal = r));
            });
          }
          callback();
        }, callback);
      },
    });

  const listen = (s: SMTPServer) =>
    new Promise<void>((resolve) => s.listen(port, '127.0.0.1', () => resolve()));
  const stop = (s: SMTPServer) => new Promise<void>((resolve) => s.close(() => resolve()));

  const peer: SmtpPeer = {
    url: '',
    received: [],
    refuseWith: null,
    hold: false,
    dropAfterData: false,
    held: () => heldPromise,
    release: () => {
      peer.hold = false;
      releaseHeld?.();
      releaseHeld = undefined;
    },
    down: () => stop(server),
    up: async () => {
      server = create();
      await listen(server);
    },
    reset: () => {
      peer.received.length = 0;
      peer.refuseWith = null;
      peer.dropAfterData = false;
      peer.release();
    },
    close: () => stop(server),
  };
  server = create();
  await listen(server);
  port = (server.server.address() as AddressInfo).port;
  peer.url = `smtp://127.0.0.1:${port}`;
  return peer;
}
