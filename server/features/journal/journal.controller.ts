/** "My journal": the learner's own reflections only (there is no route to anyone else's). */
import type { Request, Response } from 'express';
import { journalToMarkdown, journalToPdf } from './journal-export.js';
import { loadJournal } from './journal.service.js';

function fileName(user: Express.User, ext: string): string {
  // ASCII for the file name: accents dropped, đ (which has no decomposition) spelled d.
  const base =
    user.name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[đĐ]/g, 'd')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'learner';
  return `journal-${base}.${ext}`;
}

/** GET /journal */
export async function showJournal(req: Request, res: Response): Promise<void> {
  const { entries } = await loadJournal(req.user!.id, req.user!.name);
  res.render('journal/index', { title: 'My journal', entries });
}

/** GET /journal/export.md */
export async function exportMarkdown(req: Request, res: Response): Promise<void> {
  const { entries, meta } = await loadJournal(req.user!.id, req.user!.name);
  res.type('text/markdown; charset=utf-8');
  res.attachment(fileName(req.user!, 'md'));
  res.send(journalToMarkdown(entries, meta));
}

/** GET /journal/export.pdf */
export async function exportPdf(req: Request, res: Response): Promise<void> {
  const { entries, meta } = await loadJournal(req.user!.id, req.user!.name);
  res.type('application/pdf');
  res.attachment(fileName(req.user!, 'pdf'));
  res.send(await journalToPdf(entries, meta));
}
