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
    transport = nodemailer.createTransport(url);
    smtpTransports.set(url, transport);
  }
  return transport;
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
    messageId: `<${envelope.id}@atelier>`,
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
