/** Authoring: publish a draft, the revision history with diffs, restore, and image uploads. */
import type { Request, Response } from 'express';
import { BadRequestError, FormError, isAppError } from '../../lib/errors.js';
import { getModuleDraft } from '../curriculum/module-publishing.service.js';
import { restoreRevision } from '../curriculum/revisions.service.js';
import { assetUrl } from '../curriculum/lesson-render.js';
import { getLessonForEditing } from '../curriculum/structure.service.js';
import {
  fieldErrorsOf,
  lessonParams,
  parseParams,
  publishForm,
  revisionParams,
  versionForm,
} from './authoring.schemas.js';
import { compareWithPrevious, listRevisions } from './history.service.js';
import { publishLesson } from './lesson-editing.service.js';
import { registerUpload } from './lesson-uploads.js';
import { editorLocals } from './lessons.controller.js';

const author = (req: Request) => ({ id: req.user!.id, name: req.user!.name });

/** POST /authoring/lessons/:lessonId/publish */
export async function publish(req: Request, res: Response): Promise<void> {
  const { lessonId } = parseParams(lessonParams, req.params);
  const parsed = publishForm.safeParse(req.body);
  const refuse = async (fieldErrors: Record<string, string>, status = 422) => {
    const locals = await editorLocals(lessonId);
    return new FormError({
      view: 'authoring/lesson',
      status,
      fieldErrors,
      values: {
        title: locals.lesson.draft.title,
        minutes: locals.lesson.draft.minutes ?? '',
        version: locals.lesson.version,
        note: req.body.note,
      },
      locals,
    });
  };
  if (!parsed.success) throw await refuse(fieldErrorsOf(parsed.error));
  try {
    const revision = await publishLesson(
      lessonId,
      parsed.data.version,
      parsed.data.note,
      author(req),
    );
    const { moduleId } = await getLessonForEditing(lessonId);
    const hidden = (await getModuleDraft(moduleId)).neverPublished;
    req.flash(
      'success',
      hidden
        ? `Published as revision ${revision}. Learners will see it once its module is published.`
        : `Published as revision ${revision}. Learners now see this version.`,
    );
  } catch (err) {
    if (isAppError(err) && err.status === 409) {
      throw await refuse(
        {
          note: `${err.message}${err.code === 'stale_lesson' ? ' Review the latest draft below, then publish again.' : ''}`,
        },
        409,
      );
    }
    throw err;
  }
  res.redirect(303, `/authoring/lessons/${lessonId}`);
}

/** GET /authoring/lessons/:lessonId/history[?revision=N] */
export async function history(req: Request, res: Response): Promise<void> {
  const { lessonId } = parseParams(lessonParams, req.params);
  const lesson = await getLessonForEditing(lessonId);
  const revisions = await listRevisions(lessonId);
  const wanted = Number(req.query.revision);
  const selected =
    Number.isInteger(wanted) && revisions.some((r) => r.number === wanted)
      ? wanted
      : revisions[0]?.number;
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
  const { version } = parseParams(versionForm, req.body);
  try {
    const { revision } = await restoreRevision(lessonId, number, version, author(req));
    req.flash('success', `Revision ${number} restored and published as revision ${revision}.`);
  } catch (err) {
    if (!(isAppError(err) && err.code === 'stale_lesson')) throw err;
    req.flash('error', `${err.message} Nothing was restored; check the latest draft first.`);
  }
  res.redirect(303, `/authoring/lessons/${lessonId}/history`);
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
