/** Authoring: publish a draft, the revision history with diffs, restore, and image uploads. */
import type { Request, Response } from 'express';
import { BadRequestError } from '../../lib/errors.js';
import { getModuleDraft } from '../curriculum/module-publishing.service.js';
import { restoreRevision } from '../curriculum/revisions.service.js';
import { assetUrl } from '../curriculum/lesson-render.js';
import { getLessonForEditing } from '../curriculum/lesson-structure.service.js';
import { lessonParams, parseParams, revisionParams } from './authoring.schemas.js';
import { publishFromForm, restoreFromForm, selectedRevision } from './draft-actions.js';
import { compareWithPrevious, listRevisions } from './history.service.js';
import { publishLesson } from './lesson-editing.service.js';
import { registerUpload } from './lesson-uploads.js';
import { editorLocals } from './lessons.controller.js';

/** POST /authoring/lessons/:lessonId/publish */
export async function publish(req: Request, res: Response): Promise<void> {
  const { lessonId } = parseParams(lessonParams, req.params);
  await publishFromForm(req, {
    page: async () => {
      const locals = await editorLocals(lessonId);
      const { draft, version } = locals.lesson;
      const values = { title: draft.title, minutes: draft.minutes ?? '', version };
      return { view: 'authoring/lesson', locals, values };
    },
    publish: async (version, note, author) => {
      const revision = await publishLesson(lessonId, version, note, author);
      const { moduleId } = await getLessonForEditing(lessonId);
      const hidden = (await getModuleDraft(moduleId)).neverPublished;
      return hidden
        ? `Published as revision ${revision}. Learners will see it once its module is published.`
        : `Published as revision ${revision}. Learners now see this version.`;
    },
    staleCode: 'stale_lesson',
    review: ' Review the latest draft below, then publish again.',
  });
  res.redirect(303, `/authoring/lessons/${lessonId}`);
}

/** GET /authoring/lessons/:lessonId/history[?revision=N] */
export async function history(req: Request, res: Response): Promise<void> {
  const { lessonId } = parseParams(lessonParams, req.params);
  const lesson = await getLessonForEditing(lessonId);
  const revisions = await listRevisions(lessonId);
  const selected = selectedRevision(req, revisions);
  const comparison = selected ? await compareWithPrevious(lessonId, selected) : null;
  res.render('authoring/history', {
    title: `History: ${lesson.draft.title}`,
    lesson,
    revisions,
    comparison,
  });
}

/** POST /authoring/lessons/:lessonId/history/:number/restore */
export async function restore(req: Request, res: Response): Promise<void> {
  const { lessonId, number } = parseParams(revisionParams, req.params);
  await restoreFromForm(req, res, number, {
    restore: (version, author) => restoreRevision(lessonId, number, version, author),
    staleCode: 'stale_lesson',
    back: `/authoring/lessons/${lessonId}/history`,
  });
}

/** POST /authoring/lessons/:lessonId/images: stores an image and tells the author how to use it. */
export async function uploadImage(req: Request, res: Response): Promise<void> {
  const { lessonId } = parseParams(lessonParams, req.params);
  await getLessonForEditing(lessonId);
  const upload = req.uploads?.[0];
  if (!upload) throw new BadRequestError('Choose an image to upload.');
  const stored = await registerUpload(req, lessonId, upload, 'image');
  req.flash(
    'success',
    `Image uploaded. Paste this line where it should appear and describe the image in the brackets: ![description](${assetUrl(stored.storedName)})`,
  );
  const back =
    typeof req.body.returnTo === 'string' &&
    req.body.returnTo.startsWith(`/authoring/lessons/${lessonId}`)
      ? req.body.returnTo
      : `/authoring/lessons/${lessonId}`;
  res.redirect(303, back);
}
