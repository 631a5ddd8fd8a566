/** CSV export for spreadsheets (issue 7, point 5) and the one-word work status. */
import { BOM, csvCell, toCsv } from '../../../server/features/gradebook/csv.js';
import { gradebookCsv } from '../../../server/features/gradebook/gradebook.service.js';
import { workStatus } from '../../../server/features/submissions/submission.view.js';

describe('CSV', () => {
  it('starts with a BOM, ends lines with CRLF, quotes commas, quotes and new lines', () => {
    const csv = toCsv([
      ['name', 'note'],
      ['Јована Петровић', 'says "hi", twice\nreally'],
    ]);
    expect(csv.startsWith(BOM)).toBe(true);
    expect(csv).toBe(`${BOM}name,note\r\nЈована Петровић,"says ""hi"", twice\nreally"\r\n`);
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it('defuses cells that a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('+30')).toBe("'+30");
    expect(csvCell(-3)).toBe('-3');
  });

  it('writes one row per innovator with status and score per assignment', () => {
    const csv = gradebookCsv({
      assignments: [{ id: 'a', title: 'Snapshot' }],
      rows: [
        {
          innovator: {
            id: '1',
            name: 'Γιώργος Παπαδόπουλος',
            email: 'g@example.org',
            country: 'GR',
          },
          cohort: 'Autumn',
          mentor: 'Ana',
          cells: [
            { status: 'accepted', score: 7, maxScore: 10, released: false, lateMs: 0, version: 1 },
          ],
        },
      ],
    });
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe(
      'Innovator,Email,Country,Cohort,Mentor,Snapshot - status,Snapshot - score',
    );
    expect(lines[1]).toBe(
      'Γιώργος Παπαδόπουλος,g@example.org,GR,Autumn,Ana,accepted,7/10 (not released)',
    );
  });
});

describe('workStatus', () => {
  it('names the state of the latest version', () => {
    expect(workStatus(null)).toBe('missing');
    expect(workStatus({ status: 'draft', lateMs: 0, version: 1 })).toBe('draft');
    expect(workStatus({ status: 'draft', lateMs: 0, version: 2 })).toBe('returned');
    expect(workStatus({ status: 'submitted', lateMs: 0, version: 1 })).toBe('submitted');
    expect(workStatus({ status: 'submitted', lateMs: 5000, version: 1 })).toBe('late');
    expect(workStatus({ status: 'returned', lateMs: 0, version: 1 })).toBe('returned');
    expect(workStatus({ status: 'accepted', lateMs: 5000, version: 1 })).toBe('accepted');
  });
});
