/** The admin Outbox: every mail the platform sent or tried to send, readable in the browser. */
import type { Request, Response } from 'express';
import { z } from 'zod';
import { NotFoundError } from '../../lib/errors.js';
import { getOutboxMail, listOutbox, readEml, retryMailNow } from '../mail/mail.service.js';
import { mailConfig } from '../mail/mail.config.js';

const pageSchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});

export async function index(req: Request, res: Response): Promise<void> {
  const { page } = pageSchema.parse(req.query);
  const result = await listOutbox({ page });
  res.render('admin/outbox', { title: 'Outbox', ...result, smtp: Boolean(mailConfig().smtpUrl) });
}

/**
 * Once a password-reset or email-change mail has really gone out by SMTP, its link is hidden here:
 * an admin has no need to hold the key to someone else's account. Outbox files (no SMTP) stay
 * readable because then the admin is the only way the link can reach the person.
 */
const PRIVATE_KINDS = ['password-reset', 'email-change'];

function shownText(mail: {
  text: string;
  kind: string;
  transport?: string;
  status: string;
}): string {
  if (mail.transport !== 'smtp' || mail.status !== 'sent' || !PRIVATE_KINDS.includes(mail.kind))
    return mail.text;
  return mail.text.replace(
    /\/[A-Za-z0-9_-]{43}(?=\s|$)/g,
    '/[link hidden: it was delivered to the person]',
  );
}

export async function show(req: Request, res: Response): Promise<void> {
  const mail = (await getOutboxMail(String(req.params.id))).toObject();
  res.render('admin/outbox-message', {
    title: mail.subject,
    mail: { ...mail, text: shownText(mail) },
  });
}

/** The raw .eml, to forward by hand when there is no SMTP server. */
export async function download(req: Request, res: Response): Promise<void> {
  const mail = await getOutboxMail(String(req.params.id));
  const eml = await readEml(mail);
  if (!eml) throw new NotFoundError('No .eml file was written for this message.');
  res.set({
    'Content-Type': 'message/rfc822',
    'Content-Disposition': `attachment; filename="${mail.id}.eml"`,
    'X-Content-Type-Options': 'nosniff',
  });
  res.send(eml);
}

export async function retry(req: Request, res: Response): Promise<void> {
  const status = await retryMailNow(String(req.params.id));
  if (status === 'sent') req.flash('success', 'The message was sent.');
  else if (status === 'sending')
    req.flash('info', 'The message is being sent by another request right now; it goes out once.');
  else if (status === 'uncertain')
    req.flash('warning', 'The connection dropped during delivery; see the note below.');
  else req.flash('error', 'Sending failed again; see the error below.');
  res.redirect(303, `/admin/outbox/${req.params.id}`);
}
