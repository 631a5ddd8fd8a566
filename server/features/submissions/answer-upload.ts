/**
 * The answer form's upload step. The shared uploads middleware is built per request from the
 * app's config (limits can differ between apps, e.g. in tests). A refused upload has already
 * left no file behind; here it becomes a form error so the page comes back with the person's
 * text and the reason (413 or 415 naming the limit or the accepted types).
 */
import type { NextFunction, Request, Response } from 'express';
import { AppError, FormError } from '../../lib/errors.js';
import { configOf } from '../../web/app-config.js';
import { assignmentPage } from '../assignments/assignments.service.js';
import { showLocals } from '../assignments/assignments.controller.js';
import { deleteStoredFile, uploadFiles } from '../uploads/index.js';
import { ANSWER_KINDS } from './submissions.schemas.js';

/** Re-render the assignment page with `err` beside the right field and the typed text kept. */
export async function answerFormError(
  req: Request,
  err: AppError,
  field: 'files' | 'text' | '_form',
): Promise<FormError> {
  const page = await assignmentPage(req.user!.id, String(req.params.assignmentId));
  const text = typeof req.body?.text === 'string' ? req.body.text : '';
  return new FormError({
    view: 'assignments/show',
    status: err.status,
    message: err.message,
    fieldErrors: { [field]: err.message },
    values: { text },
    locals: showLocals(req, page),
  });
}

/** Removes files this request stored (the answer was not saved). */
export async function discardUploads(req: Request): Promise<void> {
  const config = configOf(req);
  await Promise.all((req.uploads ?? []).map((u) => deleteStoredFile(config, u.storedName)));
  req.uploads = [];
}

/** Multer + type checks for the answer form; upload refusals re-render the form. */
export function answerUpload(req: Request, res: Response, next: NextFunction): void {
  const config = configOf(req);
  const middleware = uploadFiles({
    field: 'files',
    maxFiles: config.uploadMaxFiles,
    maxBytes: config.uploadMaxBytes,
    kinds: ANSWER_KINDS,
  });
  middleware(req, res, (err?: unknown) => {
    if (!err) return next();
    if (err instanceof AppError && (err.status === 413 || err.status === 415) && req.user) {
      answerFormError(req, err, 'files').then(next, next);
      return;
    }
    next(err);
  });
}
