/** Learner actions on a lesson, post/redirect/get; reflections also answer JSON for autosave. */
import type { Request, Response } from 'express';
import { ConflictError } from '../../lib/errors.js';
import { wantsJson } from '../../web/guards.js';
import { markLessonComplete, saveLessonReflection, submitQuiz } from './learning-actions.service.js';
import { lessonParams, parseBody, parseParams, quizBody, reflectionBody, reflectionParams } from './learning.schemas.js';

/** POST /learn/:module/:lesson/complete */
export async function complete(req: Request, res: Response): Promise<void> {
  const { module, lesson } = parseParams(lessonParams, req.params);
  const completedNow = await markLessonComplete(req.user!.id, module, lesson);
  if (completedNow) req.flash('success', 'Lesson completed. Well done!');
  res.redirect(303, `/learn/${module}/${lesson}`);
}

/** POST /learn/:module/:lesson/quiz (no attempts left or already passed: back to the lesson with why) */
export async function quiz(req: Request, res: Response): Promise<void> {
  const { module, lesson } = parseParams(lessonParams, req.params);
  const back = `/learn/${module}/${lesson}#quiz-result`;
  try {
    const outcome = await submitQuiz(req.user!.id, module, lesson, parseBody(quizBody, req.body));
    if (!outcome.duplicate) {
      req.flash(outcome.passed ? 'success' : 'info', `You scored ${outcome.score}% on attempt ${outcome.attemptNumber}.`);
    }
  } catch (err) {
    if (!(err instanceof ConflictError)) throw err;
    req.flash('error', err.message);
  }
  res.redirect(303, back);
}

/** POST /learn/:module/:lesson/reflections/:reflection */
export async function saveReflection(req: Request, res: Response): Promise<void> {
  const { module, lesson, reflection } = parseParams(reflectionParams, req.params);
  const { text } = parseBody(reflectionBody, req.body);
  const savedAt = await saveLessonReflection(req.user!.id, module, lesson, reflection, text);
  if (wantsJson(req)) {
    res.json({ saved: true, savedAt: savedAt.toISOString() });
    return;
  }
  req.flash('success', 'Reflection saved to your journal.');
  res.redirect(303, `/learn/${module}/${lesson}#reflection-${reflection}-title`);
}
