/** Authoring: block reorder and delete (plain buttons), and the Markdown preview for the live-preview script. */
import type { Request, Response } from 'express';
import { isAppError } from '../../lib/errors.js';
import { renderMarkdown } from '../content/markdown.js';
import {
  blockParams,
  moveForm,
  parseParams,
  previewForm,
  versionForm,
} from './authoring.schemas.js';
import { deleteBlock, moveBlock } from './lesson-editing.service.js';

/** POST /authoring/lessons/:lessonId/blocks/:blockId/move */
export async function moveBlockAction(req: Request, res: Response): Promise<void> {
  const { lessonId, blockId } = parseParams(blockParams, req.params);
  const { direction, version } = parseParams(moveForm.required({ version: true }), req.body);
  await staleToFlash(req, () => moveBlock(lessonId, version, blockId, direction));
  res.redirect(303, `/authoring/lessons/${lessonId}#block-${blockId}`);
}

/** POST /authoring/lessons/:lessonId/blocks/:blockId/delete */
export async function deleteBlockAction(req: Request, res: Response): Promise<void> {
  const { lessonId, blockId } = parseParams(blockParams, req.params);
  const { version } = parseParams(versionForm, req.body);
  if (await staleToFlash(req, () => deleteBlock(lessonId, version, blockId)))
    req.flash('success', 'Block deleted from the draft.');
  res.redirect(303, `/authoring/lessons/${lessonId}`);
}

/** Runs a draft change; a stale version becomes a flash message instead of an error page. */
async function staleToFlash(req: Request, change: () => Promise<unknown>): Promise<boolean> {
  try {
    await change();
    return true;
  } catch (err) {
    if (!(isAppError(err) && err.code === 'stale_lesson')) throw err;
    req.flash(
      'error',
      `${err.message} Nothing was changed; the page now shows the latest version.`,
    );
    return false;
  }
}

/** POST /authoring/preview: Markdown -> sanitised HTML for the live preview script (JSON). */
export function previewMarkdown(req: Request, res: Response): void {
  const { markdown } = parseParams(previewForm, req.body);
  res.json({ html: renderMarkdown(markdown).html });
}
