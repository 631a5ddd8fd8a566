/** Draws the certificate: one landscape A4 page, fonts that print any of the region's alphabets. */
import PDFDocument from 'pdfkit';
import { FONT_BOLD, FONT_REGULAR, pdfToBuffer, registerFonts } from './pdf-fonts.js';

export interface CertificateContent {
  name: string;
  programmeTitle: string;
  cohortName: string;
  completedAt: Date;
  code: string;
  verifyUrl: string;
}

/** "25 November 2026", in UTC so the date does not depend on the server's zone. */
export function formatCertificateDate(date: Date): string {
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** Renders the certificate as a PDF buffer. */
export async function renderCertificatePdf(content: CertificateContent): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 60,
    info: { Title: `Certificate: ${content.programmeTitle}`, Author: 'Atelier', Subject: content.name },
  });
  registerFonts(doc);
  const width = doc.page.width - 120;
  doc.rect(30, 30, doc.page.width - 60, doc.page.height - 60).lineWidth(2).stroke('#1f4e79');

  doc.moveDown(2).font(FONT_BOLD).fontSize(30).fillColor('#1f4e79').text('Certificate of completion', 60, 90, { width, align: 'center' });
  doc.moveDown(1.2).font(FONT_REGULAR).fontSize(14).fillColor('#222').text('This certifies that', { width, align: 'center' });
  doc.moveDown(0.6).font(FONT_BOLD).fontSize(26).text(content.name, { width, align: 'center' });
  doc.moveDown(0.6).font(FONT_REGULAR).fontSize(14).text('has completed', { width, align: 'center' });
  doc.moveDown(0.4).font(FONT_BOLD).fontSize(20).text(content.programmeTitle, { width, align: 'center' });
  if (content.cohortName) {
    doc.moveDown(0.4).font(FONT_REGULAR).fontSize(13).text(`Cohort: ${content.cohortName}`, { width, align: 'center' });
  }
  doc.moveDown(0.4).font(FONT_REGULAR).fontSize(13).text(`Completed on ${formatCertificateDate(content.completedAt)}`, { width, align: 'center' });

  doc.font(FONT_REGULAR).fontSize(10).fillColor('#444');
  doc.text(`Verification code: ${content.code}`, 60, doc.page.height - 120, { width, align: 'center' });
  doc.text(`Check this certificate at ${content.verifyUrl}`, { width, align: 'center', link: content.verifyUrl });
  return pdfToBuffer(doc);
}
