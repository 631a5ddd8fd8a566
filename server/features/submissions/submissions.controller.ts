/** Saving/submitting an answer (post/redirect/get) and downloading a submitted file. */
import type { Request, Response } from 'express';
import { AppError, NotFoundError } from '../../lib/errors.js';
import { configOf } from '../../web/app-config.js';
import { sendStoredFile } from '../uploads/index.js';
import { answerFormError, discardUploads } from './answer-upload.js';
import { canViewWork } from './submission-access.js';
import {
  answerBody,
  assignmentParams,
  fileParams,
  parseBody,
  parseParams,
} from './submissions.schemas.js';
import { findFile, getSubmission, saveAnswer } from './submissions.service.js';

/** POST /assignments/:assignmentId/answer (multipart: text, files, removeFiles, action) */
export async function postAnswer(req: Request, res: Response): Promise<void> {
  const { assignmentId } = parseParams(assignmentParams, req.params);
  const config = configOf(req);
  try {
    const body = parseBody(answerBody, req.body);
    const saved = await saveAnswer({
      innovatorId: req.user!.id,
      assignmentId,
      text: body.text,
      newFiles: req.uploads ?? [],
      removeFiles: body.removeFiles,
      submit: body.action === 'submit',
      maxFiles: config.uploadMaxFiles,
      uploadsDir: config.uploadsDir,
    });
    if (saved.status === 'submitted') {
      const late =
        saved.lateMs > 0 ? ' It was submitted after the due date and is marked late.' : '';
      req.flash('success', `Version ${saved.version} submitted to your mentor.${late}`);
    } else {
      req.flash('success', 'Draft saved. You can finish it later.');
    }
    res.redirect(303, `/assignments/${assignmentId}`);
  } catch (err) {
    await discardUploads(req);
    if (err instanceof AppError && err.status < 500 && err.status !== 404) {
      const field =
        err.code === 'too_many_files' || err.code === 'files_not_allowed'
          ? 'files'
          : err.code === 'empty_submission'
            ? 'text'
            : '_form';
      throw await answerFormError(req, err, field);
    }
    throw err;
  }
}

/** GET /submissions/:submissionId/files/:storedName[?inline=1]: only for those who may see the work. */
export async function downloadFile(req: Request, res: Response): Promise<void> {
  const { submissionId, storedName } = parseParams(fileParams, req.params);
  const submission = await getSubmission(submissionId);
  if (!submission || !(await canViewWork(req.user!, submission.innovatorId)))
    throw new NotFoundError();
  const file = findFile(submission, storedName);
  if (!file) throw new NotFoundError();
  await sendStoredFile(res, file, { inline: req.query.inline === '1' });
}
