/** Many invitations at once from pasted CSV: good lines go through, bad ones are named. */
import { isAppError } from '../../lib/errors.js';
import { parseInvitationCsv, type CsvProblem } from './invitations.csv.js';
import { invite } from './invitations.service.js';

export interface BulkResult {
  invited: Array<{ line: number; name: string; email: string; userId: string; delivered: boolean }>;
  problems: CsvProblem[];
}

/** Parses the CSV and invites every valid line; problems are sorted by line. */
export async function inviteFromCsv(
  csv: string,
  invitedBy: string | undefined,
  ttlDays: number,
): Promise<BulkResult> {
  const { rows, problems } = parseInvitationCsv(csv);
  const invited: BulkResult['invited'] = [];
  for (const row of rows) {
    try {
      const { user, mail } = await invite({ ...row, invitedBy, ttlDays });
      invited.push({
        line: row.line,
        name: user.name,
        email: user.email,
        userId: user.id,
        delivered: mail.status === 'sent',
      });
    } catch (err) {
      // Business refusals (already a member, unknown cohort) belong to the line; anything else is a bug.
      if (!isAppError(err) || err.status >= 500) throw err;
      problems.push({ line: row.line, text: `${row.name}, ${row.email}`, message: err.message });
    }
  }
  problems.sort((a, b) => a.line - b.line);
  return { invited, problems };
}
