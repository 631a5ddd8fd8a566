/** The mentor's queue, grading page and release actions (post/redirect/get). */
import type { Request, Response } from 'express';
import { AppError } from '../../lib/errors.js';
import { configOf } from '../../web/app-config.js';
import { wantsJson } from '../../web/guards.js';
import { dateHelpers } from '../assignments/viewer-time.js';
import { parseParams } from '../submissions/submissions.schemas.js';
import { gradingPage } from './grading-page.service.js';
import { gradingQueue } from './grading-queue.service.js';
import { parseGradingForm, submissionParams } from './grading.schemas.js';
import { releaseAll, releaseGrade, saveGrading } from './grading.service.js';

/** GET /grading */
export async function showQueue(req: Request, res: Response): Promise<void> {
  const queue = await gradingQueue(req.user!.id);
  res.render('grading/queue', { title: 'Grading', queue, dates: dateHelpers(req) });
}

/** GET /grading/:submissionId */
export async function showGrading(req: Request, res: Response): Promise<void> {
  const { submissionId } = parseParams(submissionParams, req.params);
  const page = await gradingPage(req.user!, submissionId, configOf(req).uploadsDir);
  res.render('grading/grade', {
    title: `Grading: ${page.record.assignment.title}`,
    page,
    dates: dateHelpers(req),
  });
}

const SAVED: Record<string, string> = {
  save: 'Grading saved as a draft.',
  accept: 'Accepted. Release the grade when you are ready for the innovator to see it.',
  return: 'Marked for revision. Release it when you are ready for the innovator to see it.',
};

/**
 * POST /grading/:submissionId (rubric levels, comments, feedback, action). Scripts autosaving the
 * draft (Accept: application/json, no action) get the saved totals as JSON instead of a redirect.
 */
export async function postGrading(req: Request, res: Response): Promise<void> {
  const { submissionId } = parseParams(submissionParams, req.params);
  const input = parseGradingForm(req.body);
  if (wantsJson(req) && input.action === 'save') {
    const grade = await saveGrading(req.user!, submissionId, input);
    res.json({
      saved: true,
      total: grade.total,
      maxTotal: grade.maxTotal,
      savedAt: grade.updatedAt.toISOString(),
    });
    return;
  }
  try {
    await saveGrading(req.user!, submissionId, input);
    req.flash('success', SAVED[input.action]);
  } catch (err) {
    // A decision that is not ready yet: keep what was entered as a draft so nothing is lost.
    if (!(err instanceof AppError) || err.status !== 400 || input.action === 'save') throw err;
    await saveGrading(req.user!, submissionId, { ...input, action: 'save' });
    req.flash('error', `${err.message} Your grading was saved as a draft.`);
  }
  res.redirect(303, `/grading/${submissionId}`);
}

/** POST /grading/:submissionId/release */
export async function postRelease(req: Request, res: Response): Promise<void> {
  const { submissionId } = parseParams(submissionParams, req.params);
  await releaseGrade(req.user!, submissionId);
  req.flash('success', 'Released: the innovator can now read your feedback.');
  res.redirect(303, '/grading');
}

/** POST /grading/release-all */
export async function postReleaseAll(req: Request, res: Response): Promise<void> {
  const count = await releaseAll(req.user!);
  req.flash('success', count === 1 ? 'Released 1 grade.' : `Released ${count} grades.`);
  res.redirect(303, '/grading');
}
