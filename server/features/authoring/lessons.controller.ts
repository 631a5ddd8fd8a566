/** Authoring: lesson create, the lesson editor page, details, reorder, delete and preview. */
import type { Request, Response } from 'express';
import { FormError, isAppError } from '../../lib/errors.js';
import { BLOCK_TYPES } from '../curriculum/content.schemas.js';
import {
  createLessonInModule,
  deleteLesson,
  getLessonForEditing,
  moveLesson,
  moveLessonToModule,
} from '../curriculum/lesson-structure.service.js';
import { getModuleForEditing, listStructure } from '../curriculum/structure.service.js';
import {
  fieldErrorsOf,
  lessonCreateForm,
  lessonDetailsForm,
  lessonParams,
  moduleParams,
  moveForm,
  parseParams,
} from './authoring.schemas.js';
import { BLOCK_LABELS } from './block-form-values.js';
import { compareDraftWithPublished } from './history.service.js';
import { renderDraft, saveLessonDetails } from './lesson-editing.service.js';

const blockTypeOptions = BLOCK_TYPES.map((t) => ({ value: t, label: BLOCK_LABELS[t] }));

/** GET /authoring/modules/:moduleId/lessons/new */
export async function newLesson(req: Request, res: Response): Promise<void> {
  const { moduleId } = parseParams(moduleParams, req.params);
  const m = await getModuleForEditing(moduleId);
  res.render('authoring/lesson-new', {
    title: 'New lesson',
    module: { id: moduleId, title: m.title },
  });
}

/** POST /authoring/modules/:moduleId/lessons */
export async function createLessonAction(req: Request, res: Response): Promise<void> {
  const { moduleId } = parseParams(moduleParams, req.params);
  const m = await getModuleForEditing(moduleId);
  const parsed = lessonCreateForm.safeParse(req.body);
  const fail = (fieldErrors: Record<string, string>) =>
    new FormError({
      view: 'authoring/lesson-new',
      fieldErrors,
      values: req.body,
      locals: { title: 'New lesson', module: { id: moduleId, title: m.title } },
    });
  if (!parsed.success) throw fail(fieldErrorsOf(parsed.error));
  try {
    const lesson = await createLessonInModule(moduleId, parsed.data);
    req.flash('success', 'Lesson created as a draft: learners will see it once you publish it.');
    res.redirect(303, `/authoring/lessons/${String(lesson._id)}`);
  } catch (err) {
    if (isAppError(err) && err.status === 409) throw fail({ slug: err.message });
    throw err;
  }
}

/** Everything the editor page needs (also used to re-render it after a refused form). */
export async function editorLocals(lessonId: string) {
  const lesson = await getLessonForEditing(lessonId);
  const { modules } = await listStructure();
  return {
    title: `Edit ${lesson.draft.title}`,
    lesson,
    blockLabels: BLOCK_LABELS,
    blockTypeOptions,
    moduleOptions: modules.map((m) => ({ value: m.id, label: m.title })),
    pending: await compareDraftWithPublished(lessonId),
  };
}

/** GET /authoring/lessons/:lessonId */
export async function showEditor(req: Request, res: Response): Promise<void> {
  const { lessonId } = parseParams(lessonParams, req.params);
  const locals = await editorLocals(lessonId);
  res.render('authoring/lesson', {
    ...locals,
    values: {
      title: locals.lesson.draft.title,
      minutes: locals.lesson.draft.minutes ?? '',
      version: locals.lesson.version,
    },
  });
}

/** POST /authoring/lessons/:lessonId (title and minutes) */
export async function saveDetails(req: Request, res: Response): Promise<void> {
  const { lessonId } = parseParams(lessonParams, req.params);
  const parsed = lessonDetailsForm.safeParse(req.body);
  if (!parsed.success)
    throw new FormError({
      view: 'authoring/lesson',
      fieldErrors: fieldErrorsOf(parsed.error),
      values: req.body,
      locals: await editorLocals(lessonId),
    });
  const { version, ...details } = parsed.data;
  try {
    await saveLessonDetails(lessonId, version, details);
  } catch (err) {
    if (isAppError(err) && err.code === 'stale_lesson') {
      throw new FormError({
        view: 'authoring/lesson',
        status: 409,
        message: `${err.message} Your text is below; compare it with the latest version before saving again.`,
        fieldErrors: { _form: err.message },
        values: { ...req.body, version: (await getLessonForEditing(lessonId)).version },
        locals: await editorLocals(lessonId),
      });
    }
    throw err;
  }
  req.flash('success', 'Draft saved.');
  res.redirect(303, `/authoring/lessons/${lessonId}`);
}

/** POST /authoring/lessons/:lessonId/move */
export async function moveLessonAction(req: Request, res: Response): Promise<void> {
  const { lessonId } = parseParams(lessonParams, req.params);
  const { direction } = parseParams(moveForm, req.body);
  await moveLesson(lessonId, direction);
  res.redirect(303, `/authoring#lesson-${lessonId}`);
}

/** POST /authoring/lessons/:lessonId/module: moves the lesson to the end of another module. */
export async function changeModule(req: Request, res: Response): Promise<void> {
  const { lessonId } = parseParams(lessonParams, req.params);
  const { moduleId } = parseParams(moduleParams, req.body);
  await moveLessonToModule(lessonId, moduleId);
  req.flash('success', 'Lesson moved to the end of the chosen module.');
  res.redirect(303, `/authoring/lessons/${lessonId}`);
}

/** GET /authoring/lessons/:lessonId/delete */
export async function confirmDeleteLesson(req: Request, res: Response): Promise<void> {
  const { lessonId } = parseParams(lessonParams, req.params);
  const lesson = await getLessonForEditing(lessonId);
  const what = `the lesson “${lesson.draft.title}”${lesson.publishedRevision ? ' (published: learners will no longer see it)' : ''}`;
  res.render('authoring/confirm', {
    title: `Delete ${lesson.draft.title}?`,
    action: `/authoring/lessons/${lessonId}/delete`,
    back: `/authoring/lessons/${lessonId}`,
    what,
    version: null,
  });
}

/** POST /authoring/lessons/:lessonId/delete */
export async function deleteLessonAction(req: Request, res: Response): Promise<void> {
  const { lessonId } = parseParams(lessonParams, req.params);
  await deleteLesson(lessonId);
  req.flash('success', 'Lesson deleted.');
  res.redirect(303, '/authoring');
}

/** GET /authoring/lessons/:lessonId/preview: the draft as a learner will see it. */
export async function previewLesson(req: Request, res: Response): Promise<void> {
  const { lessonId } = parseParams(lessonParams, req.params);
  const lesson = await getLessonForEditing(lessonId);
  res.render('authoring/preview', {
    title: `Preview: ${lesson.draft.title}`,
    lesson,
    rendered: await renderDraft(lesson),
  });
}
