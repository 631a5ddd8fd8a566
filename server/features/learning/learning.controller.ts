/** Learner pages: programme overview, module overview, lesson. */
import type { Request, Response } from 'express';
import { lockMessage } from '../progress/progress-summary.js';
import { openLesson } from './lesson-page.service.js';
import { lessonParams, moduleParams, parseParams } from './learning.schemas.js';
import { openModule, programmeOverview } from './module-page.service.js';

/** GET /learn */
export async function showProgramme(req: Request, res: Response): Promise<void> {
  const overview = await programmeOverview(req.user!.id);
  if (!overview) {
    res.render('learning/empty', { title: 'Learning' });
    return;
  }
  res.render('learning/programme', { title: overview.programmeTitle, ...overview, lockText: lockMessage });
}

/** GET /learn/:module */
export async function showModule(req: Request, res: Response): Promise<void> {
  const { module } = parseParams(moduleParams, req.params);
  const page = await openModule(req.user!.id, module);
  res.render('learning/module', { title: page.module.title, page });
}

/** GET /learn/:module/:lesson (a locked module answers 403 with the explanation). */
export async function showLesson(req: Request, res: Response): Promise<void> {
  const { module, lesson } = parseParams(lessonParams, req.params);
  const page = await openLesson(req.user!.id, module, lesson);
  if (page.kind === 'locked') {
    res.status(403).render('learning/locked', { title: page.module.title, page });
    return;
  }
  res.render('learning/lesson', { title: page.lesson.title, page });
}
