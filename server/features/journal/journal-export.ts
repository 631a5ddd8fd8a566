/** The journal as a Markdown file or a PDF, built from the entries the service gathered. */
import PDFDocument from 'pdfkit';
import { FONT_BOLD, FONT_REGULAR, pdfToBuffer, registerFonts } from '../certificates/pdf-fonts.js';
import type { JournalEntry } from './journal.service.js';

export interface JournalMeta {
  learnerName: string;
  programmeTitle: string;
  exportedAt: Date;
}

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** Groups entries by module, keeping their order. */
function byModule(entries: JournalEntry[]): [string, JournalEntry[]][] {
  const groups = new Map<string, JournalEntry[]>();
  for (const e of entries) groups.set(e.moduleTitle, [...(groups.get(e.moduleTitle) ?? []), e]);
  return [...groups.entries()];
}

/** Prefixes every line so a multi-line prompt stays one Markdown quote. */
function quote(text: string): string {
  return text
    .trim()
    .split('\n')
    .map((line) => (line ? `> ${line}` : '>'))
    .join('\n');
}

/** The journal as Markdown: module and lesson headings, each prompt quoted, then the answer. */
export function journalToMarkdown(entries: JournalEntry[], meta: JournalMeta): string {
  const out = [`# Learning journal: ${meta.learnerName}`, '', `${meta.programmeTitle}. Exported ${isoDate(meta.exportedAt)}.`, ''];
  if (entries.length === 0) out.push('No reflections written yet.', '');
  for (const [moduleTitle, items] of byModule(entries)) {
    out.push(`## ${moduleTitle}`, '');
    for (const e of items) {
      out.push(`### ${e.lessonTitle}`, '');
      if (e.prompt) out.push(quote(e.prompt), '');
      out.push(e.text.trim(), '', `*Last edited ${isoDate(e.updatedAt)}*`, '');
    }
  }
  return out.join('\n');
}

/** The journal as a PDF with the same structure as the Markdown export. */
export async function journalToPdf(entries: JournalEntry[], meta: JournalMeta): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: `Learning journal: ${meta.learnerName}`, Author: meta.learnerName } });
  registerFonts(doc);
  doc.font(FONT_BOLD).fontSize(20).text(`Learning journal: ${meta.learnerName}`);
  doc.font(FONT_REGULAR).fontSize(10).fillColor('#444').text(`${meta.programmeTitle}. Exported ${isoDate(meta.exportedAt)}.`);
  doc.fillColor('#000').moveDown();
  if (entries.length === 0) doc.fontSize(12).text('No reflections written yet.');
  for (const [moduleTitle, items] of byModule(entries)) {
    doc.moveDown().font(FONT_BOLD).fontSize(15).text(moduleTitle);
    for (const e of items) {
      doc.moveDown(0.5).font(FONT_BOLD).fontSize(12).text(e.lessonTitle);
      if (e.prompt) doc.font(FONT_REGULAR).fontSize(10).fillColor('#444').text(e.prompt.trim(), { indent: 12 });
      doc.fillColor('#000').moveDown(0.3).font(FONT_REGULAR).fontSize(11).text(e.text.trim());
      doc.fontSize(9).fillColor('#555').text(`Last edited ${isoDate(e.updatedAt)}`).fillColor('#000');
    }
  }
  return pdfToBuffer(doc);
}
