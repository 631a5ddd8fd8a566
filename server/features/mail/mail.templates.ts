/** Small helpers to build a mail with a plain-text part and a matching simple HTML part. */

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export interface ActionMail {
  subject: string;
  greeting: string;
  paragraphs: string[];
  action: { label: string; url: string };
  footer?: string;
}

/** A mail that asks the reader to follow one link: text and HTML carry the same words. */
export function actionMail(m: ActionMail): { subject: string; text: string; html: string } {
  const text = [
    m.greeting,
    '',
    ...m.paragraphs.flatMap((p) => [p, '']),
    `${m.action.label}:`,
    m.action.url,
    '',
  ]
    .concat(m.footer ? [m.footer] : [])
    .join('\n');
  const html = [
    `<p>${escapeHtml(m.greeting)}</p>`,
    ...m.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    `<p><a href="${escapeHtml(m.action.url)}">${escapeHtml(m.action.label)}</a></p>`,
    `<p>${escapeHtml(m.action.url)}</p>`,
    m.footer ? `<p><small>${escapeHtml(m.footer)}</small></p>` : '',
  ].join('\n');
  return { subject: m.subject, text, html };
}
