import type { Request, Response } from 'express';
import { isValidObjectId } from 'mongoose';
import { NotFoundError } from '../../lib/errors.js';
import { lockMessage } from './progress-summary.js';
import { learnerProgressFor } from './learner-progress.service.js';

/** GET /progress/:userId: a mentee's progress for their mentor (404 for anyone not allowed). */
export async function showLearnerProgress(req: Request, res: Response): Promise<void> {
  const userId = String(req.params.userId);
  if (!isValidObjectId(userId)) throw new NotFoundError();
  const progress = await learnerProgressFor(req.user!, userId);
  res.render('learning/learner-progress', { title: `Progress: ${progress.learner.name}`, p: progress, lockText: lockMessage });
}
