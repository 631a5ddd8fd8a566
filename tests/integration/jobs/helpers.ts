/**
 * Shared by the scheduling tests: a real SMTP peer (smtp-server in this process) that can be
 * taken down, held mid-message or brought back, and waiting for a condition without fixed sleeps.
 */
import { createServer } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import mongoose from 'mongoose';
import { SMTPServer } from 'smtp-server';
import { JOBS_COLLECTION } from '../../../server/jobs/agenda.js';

export interface SmtpPeer {
  url: string;
  received: ParsedMail[];
  /** Refuse every recipient (the server "is down" for our mail). */
  refuse: boolean;
  /** While set, DATA is not acknowledged until release() (a slow server, mail in flight). */
  hold: boolean;
  /** Resolves when a message is being held. */
  held(): Promise<void>;
  release(): void;
  close(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Starts an SMTP server on a free loopback port. */
export async function startSmtpPeer(): Promise<SmtpPeer> {
  let releaseHeld: (() => void) | undefined;
  let heldSignal: (() => void) | undefined;
  let heldPromise = new Promise<void>((r) => (heldSignal = r));
  const peer: SmtpPeer = {
    url: '',
    received: [],
    refuse: false,
    hold: false,
    held: () => heldPromise,
    release: () => {
      peer.hold = false;
      releaseHeld?.();
      releaseHeld = undefined;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (peer.refuse)
        return callback(Object.assign(new Error('Service unavailable'), { responseCode: 451 }));
      callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream).then(async (mail) => {
        if (peer.hold) {
          await new Promise<void>((resolve) => {
            releaseHeld = resolve;
            heldSignal?.();
            heldPromise = new Promise<void>((r) => (heldSignal = r));
          });
        }
        peer.received.push(mail);
        callback();
      }, callback);
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  peer.url = `smtp://127.0.0.1:${port}`;
  return peer;
}

/** Polls `check` until it is true or `timeoutMs` passes; returns the last answer. */
export async function waitFor(
  check: () => Promise<boolean> | boolean,
  timeoutMs = 15_000,
): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return check();
}

/** The raw Agenda jobs collection of the test database. */
export function jobs() {
  return mongoose.connection.collection(JOBS_COLLECTION);
}
