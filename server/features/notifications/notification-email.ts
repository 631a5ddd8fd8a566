/** The email for a notification (or a day's digest): plain text + HTML, unsubscribe link. */
import { escapeHtml } from '../mail/mail.templates.js';
import { mailConfig } from '../mail/mail.config.js';
import { KIND_LABELS, type NotificationKind } from './notification-kinds.js';
import { unsubscribeToken } from './preferences.service.js';

export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

export interface EmailItem {
  title: string;
  body: string;
  url?: string;
}

function absolute(url: string | undefined): string | undefined {
  if (!url) return undefined;
  return url.startsWith('http') ? url : `${mailConfig().baseUrl}${url}`;
}

function footer(userId: string, kind: NotificationKind | 'all') {
  const base = mailConfig().baseUrl;
  const settings = `${base}/notifications/settings`;
  if (kind === 'all')
    return {
      text: `Choose what you receive: ${settings}`,
      html: `<a href="${settings}">Choose what you receive</a>`,
    };
  const unsubscribe = `${base}/notifications/unsubscribe/${unsubscribeToken(userId, kind)}`;
  const label = KIND_LABELS[kind];
  return {
    text: `You receive this because of your setting for "${label}".\nStop these emails: ${unsubscribe}\nAll settings: ${settings}`,
    html: `<p><small>You receive this because of your setting for “${escapeHtml(label)}”. <a href="${escapeHtml(unsubscribe)}">Stop these emails</a> · <a href="${settings}">All settings</a></small></p>`,
  };
}

function itemText(i: EmailItem): string {
  const url = absolute(i.url);
  return [i.title, i.body, url ? `Open: ${url}` : ''].filter(Boolean).join('\n');
}

function itemHtml(i: EmailItem): string {
  const url = absolute(i.url);
  const paragraphs = i.body
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
  return `<h2>${escapeHtml(i.title)}</h2>\n${paragraphs}${url ? `\n<p><a href="${escapeHtml(url)}">Open in Atelier</a></p>` : ''}`;
}

/** One notification as an email to `userId`. */
export function notificationEmail(
  userId: string,
  kind: NotificationKind,
  item: EmailItem,
): EmailContent {
  const f = footer(userId, kind);
  return {
    subject: item.title,
    text: `${itemText(item)}\n\n--\n${f.text}\n`,
    html: `${itemHtml(item)}\n<hr>\n${f.html}`,
  };
}

/** Several notifications in one daily email. */
export function digestEmail(userId: string, items: EmailItem[]): EmailContent {
  const f = footer(userId, 'all');
  const subject = `Your day in Atelier: ${items.length} update${items.length === 1 ? '' : 's'}`;
  return {
    subject,
    text: `${items.map(itemText).join('\n\n')}\n\n--\n${f.text}\n`,
    html: `${items.map(itemHtml).join('\n<hr>\n')}\n<hr>\n${f.html}`,
  };
}
