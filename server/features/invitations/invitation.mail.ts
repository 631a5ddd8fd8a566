/** The invitation mail: the same words in the text and HTML parts. */
import { actionMail } from '../mail/mail.templates.js';
import { mailConfig } from '../mail/mail.config.js';

/** Subject, text and HTML of an invitation carrying `token`. */
export function invitationMail(name: string, token: string, expiresAt: Date) {
  const expires = expiresAt.toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  return actionMail({
    subject: 'Your invitation to Atelier, the Library Innovators Programme',
    greeting: `Hello ${name},`,
    paragraphs: [
      'You have been invited to join Atelier, the online home of the Library Innovators Programme.',
      `Follow the link below to choose your password and sign in. It works once and expires on ${expires}.`,
    ],
    action: { label: 'Accept the invitation', url: `${mailConfig().baseUrl}/invitations/${token}` },
    footer: 'If you were not expecting this invitation, you can ignore this email.',
  });
}
