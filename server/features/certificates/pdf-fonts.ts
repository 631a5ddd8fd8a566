/**
 * Fonts for generated PDFs. pdfkit's built-in Helvetica only covers WinAnsi, which cannot print
 * "Đorđe Ćosić", "Αλέξανδρος" or "Милица"; the bundled DejaVu Serif covers Latin, Cyrillic and Greek.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// The compiled server runs from dist/, where the font files are not copied: resolve from the source tree.
const ROOT = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  ...(import.meta.url.includes('/dist/') ? ['..'] : []),
);
const FONTS_DIR = path.join(ROOT, 'server', 'features', 'certificates', 'fonts');

export const FONT_REGULAR = 'Body';
export const FONT_BOLD = 'Body-Bold';

/** Registers the body fonts on a document and selects the regular one. */
export function registerFonts(doc: PDFKit.PDFDocument): void {
  doc.registerFont(FONT_REGULAR, path.join(FONTS_DIR, 'DejaVuSerif.ttf'));
  doc.registerFont(FONT_BOLD, path.join(FONTS_DIR, 'DejaVuSerif-Bold.ttf'));
  doc.font(FONT_REGULAR);
}

/** Collects a finished pdfkit document into one buffer. */
export function pdfToBuffer(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}
