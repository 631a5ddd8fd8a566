import { renderCertificatePdf } from '../../../server/features/certificates/certificate-pdf.js';
import { journalToMarkdown, journalToPdf } from '../../../server/features/journal/journal-export.js';
import type { JournalEntry } from '../../../server/features/journal/journal.service.js';
import { pdfText } from './pdf-text.js';

const entries: JournalEntry[] = [
  {
    reflectionId: 'r1',
    moduleTitle: 'The innovator mindset',
    lessonTitle: 'The innovator mindset',
    moduleSlug: 'innovator-mindset',
    lessonSlug: 'the-innovator-mindset',
    prompt: 'Think of a moment\nwhen you had an idea.',
    text: 'We wanted a seed library in Ohrid.',
    updatedAt: new Date('2026-03-02T10:00:00Z'),
  },
];

describe('generated documents', () => {
  it('prints a certificate with a Cyrillic and Latin-diacritic name that pdftotext can read', async () => {
    const pdf = await renderCertificatePdf({
      name: 'Đorđe Ćosić Милица',
      programmeTitle: 'Library Innovators Programme',
      cohortName: 'Balkans 2026',
      completedAt: new Date('2026-11-25T12:00:00Z'),
      code: 'K7QM-4XHD-9RTA',
      verifyUrl: 'http://localhost:3000/verify/K7QM-4XHD-9RTA',
    });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf);
    expect(text).toContain('Đorđe Ćosić Милица');
    expect(text).toContain('Library Innovators Programme');
    expect(text).toContain('Cohort: Balkans 2026');
    expect(text).toContain('25 November 2026');
    expect(text).toContain('K7QM-4XHD-9RTA');
    expect(text).toContain('http://localhost:3000/verify/K7QM-4XHD-9RTA');
  });

  it('exports the journal as Markdown with the prompt quoted', () => {
    const md = journalToMarkdown(entries, { learnerName: 'Ana', programmeTitle: 'LIP', exportedAt: new Date('2026-03-03T00:00:00Z') });
    expect(md).toContain('# Learning journal: Ana');
    expect(md).toContain('## The innovator mindset\n\n### The innovator mindset');
    expect(md).toContain('> Think of a moment\n> when you had an idea.');
    expect(md).toContain('We wanted a seed library in Ohrid.');
    expect(md).toContain('*Last edited 2026-03-02*');
  });

  it('exports the journal as a readable PDF', async () => {
    const pdf = await journalToPdf(entries, { learnerName: 'Ana Αλεξίου', programmeTitle: 'LIP', exportedAt: new Date() });
    const text = pdfText(pdf);
    expect(text).toContain('Learning journal: Ana Αλεξίου');
    expect(text).toContain('We wanted a seed library in Ohrid.');
  });
});
