/**
 * Delivery of one message: SMTP when SMTP_URL is set, otherwise an .eml file under
 * <dataDir>/outbox/ so a fresh install can still hand an invitation link over by hand.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import { mailConfig } from './mail.config.js';

export interface Envelope {
  id: string;
  /** The Message-ID header, with its angle brackets. */
  messageId: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
  attachments?: { filename: string; content: string; contentType: string }[];
}

export interface Delivery {
  transport: 'smtp' | 'file';
  emlFile?: string;
}

const smtpTransports = new Map<string, Transporter>();

function smtpTransport(url: string): Transporter {
  let transport = smtpTransports.get(url);
  if (!transport) {
    transport = nodemailer.createTransport({
      url,
      // Bounded, so a live attempt always ends well inside the window after which a row left
      // 'sending' is taken for a crashed run (nodemailer's socket default is 10 minutes).
      connectionTimeout: 30_000,
      greetingTimeout: 30_000,
      socketTimeout: 60_000,
    });
    smtpTransports.set(url, transport);
  }
  return transport;
}

/** Closes the cached SMTP transports (shutdown, and test teardown: no handle left open). */
export function closeMailTransports(): void {
  for (const transport of smtpTransports.values()) transport.close();
  smtpTransports.clear();
}

/**
 * Whether a failed delivery may still have reached the server: the connection dropped or went
 * silent with no SMTP reply, possibly after the message was handed over. Refusals (a 4xx/5xx
 * reply), refused connections and connect/greeting time-outs are clear failures: safe to retry.
 */
export function deliveryUncertain(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as {
    responseCode?: number;
    code?: string;
    originalCode?: string;
    timeoutType?: string;
  };
  if (e.responseCode) return false;
  if (e.code === 'ETIMEDOUT') return e.timeoutType === 'SOCKET_TIMEOUT';
  if (e.code === 'ECONNECTION' || e.code === 'ESOCKET')
    return !['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND'].includes(
      e.originalCode ?? '',
    );
  return false;
}

/** The directory where .eml files are written when no SMTP server is configured. */
export function outboxDir(): string {
  return path.join(mailConfig().dataDir, 'outbox');
}

/** Sends (or writes) one message; throws when the SMTP server refuses or cannot be reached. */
export async function deliver(envelope: Envelope): Promise<Delivery> {
  const config = mailConfig();
  const message = {
    from: config.mailFrom,
    to: envelope.to,
    subject: envelope.subject,
    text: envelope.text,
    html: envelope.html,
    ...(envelope.attachments?.length ? { attachments: envelope.attachments } : {}),
    messageId: envelope.messageId,
  };
  if (config.smtpUrl) {
    await smtpTransport(config.smtpUrl).sendMail(message);
    return { transport: 'smtp' };
  }
  const info = await nodemailer
    .createTransport({ streamTransport: true, buffer: true, newline: 'unix' })
    .sendMail(message);
  const dir = outboxDir();
  await mkdir(dir, { recursive: true });
  const emlFile = `${new Date().toISOString().replace(/[:.]/g, '-')}-${envelope.id}.eml`;
  await writeFile(path.join(dir, emlFile), info.message as Buffer);
  return { transport: 'file', emlFile };
}
