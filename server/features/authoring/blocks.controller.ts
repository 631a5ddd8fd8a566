/**
 * Authoring: one block's form (new or existing). Buttons on the form choose the action: Save,
 * Preview (renders the block as learners will see it, saves nothing), Add question / Add criterion
 * (one more empty row, saves nothing). A refused save re-renders the form with what was typed.
 */
import type { Request, Response } from 'express';
import { FormError, isAppError, NotFoundError } from '../../lib/errors.js';
import type { Block, BlockType, StoredFile } from '../curriculum/content.schemas.js';
import { renderLesson } from '../curriculum/lesson-render.js';
import {
  getLessonForEditing,
  type EditableLesson,
} from '../curriculum/lesson-structure.service.js';
import {
  blockParams,
  blockTypeQuery,
  lessonParams,
  parseParams,
  versionForm,
} from './authoring.schemas.js';
import { BLOCK_LABELS, blockToFormValues, newBlockFormValues } from './block-form-values.js';
import { parseBlockForm, rowCount } from './block-forms.js';
import { addBlock, nextBlockId, replaceBlock } from './lesson-editing.service.js';
import { discardUploads, registerUpload } from './lesson-uploads.js';

interface FormState {
  lesson: EditableLesson;
  type: BlockType;
  block: Block | null;
  after?: string;
}

function formLocals(state: FormState, extra: Record<string, unknown> = {}) {
  const label = BLOCK_LABELS[state.type];
  return {
    title: state.block ? `Edit block: ${label}` : `New block: ${label}`,
    typeLabel: label,
    lesson: state.lesson,
    type: state.type,
    block: state.block,
    after: state.after ?? '',
    preview: null,
    ...extra,
  };
}

/** GET /authoring/lessons/:lessonId/blocks/new?type=... */
export async function newBlock(req: Request, res: Response): Promise<void> {
  const { lessonId } = parseParams(lessonParams, req.params);
  const { type, after } = parseParams(blockTypeQuery, req.query);
  const lesson = await getLessonForEditing(lessonId);
  res.render(
    'authoring/block-form',
    formLocals(
      { lesson, type, block: null, after },
      { values: { ...newBlockFormValues(type), version: lesson.version } },
    ),
  );
}

/** GET /authoring/lessons/:lessonId/blocks/:blockId */
export async function editBlock(req: Request, res: Response): Promise<void> {
  const { lessonId, blockId } = parseParams(blockParams, req.params);
  const lesson = await getLessonForEditing(lessonId);
  const block = lesson.draft.blocks.find((b) => b.id === blockId);
  if (!block) throw new NotFoundError('That block does not exist (it may have been deleted).');
  res.render(
    'authoring/block-form',
    formLocals(
      { lesson, type: block.type, block },
      { values: { ...blockToFormValues(block), version: lesson.version } },
    ),
  );
}

/** POST /authoring/lessons/:lessonId/blocks and /authoring/lessons/:lessonId/blocks/:blockId */
export async function saveBlock(req: Request, res: Response): Promise<void> {
  const { lessonId } = parseParams(lessonParams, req.params);
  const lesson = await getLessonForEditing(lessonId);
  const existing = req.params.blockId
    ? (lesson.draft.blocks.find((b) => b.id === req.params.blockId) ?? null)
    : null;
  if (req.params.blockId && !existing)
    throw new NotFoundError('That block does not exist (it may have been deleted).');
  const type: BlockType =
    existing?.type ?? parseParams(blockTypeQuery.pick({ type: true }), req.body).type;
  const state: FormState = {
    lesson,
    type,
    block: existing,
    after: typeof req.body.after === 'string' ? req.body.after : undefined,
  };
  const body = req.body as Record<string, unknown>;
  const action = String(body.action ?? 'save');
  const refuse = async (
    fieldErrors: Record<string, string>,
    status = 422,
    message?: string,
    extra: Record<string, unknown> = {},
  ) => {
    await discardUploads(req);
    return new FormError({
      view: 'authoring/block-form',
      status,
      message,
      fieldErrors,
      values: { ...body, ...extra },
      locals: formLocals(state),
    });
  };

  if (action === 'add-question' || action === 'add-criterion') {
    const key = action === 'add-question' ? 'questionCount' : 'criterionCount';
    await discardUploads(req);
    res.render(
      'authoring/block-form',
      formLocals(state, { values: { ...body, [key]: rowCount(body, key, 49) + 1 } }),
    );
    return;
  }

  const upload = type === 'resource' ? req.uploads?.[0] : undefined;
  const currentFile = upload
    ? previewFile(upload)
    : existing?.type === 'resource'
      ? existing.file
      : undefined;
  const id = existing?.id ?? nextBlockId(lesson.draft, type);
  const parsed = parseBlockForm(type, body, id, currentFile);
  if (!parsed.block)
    throw await refuse(
      type === 'resource' && !currentFile
        ? { ...parsed.fieldErrors, file: 'Choose a file to upload.' }
        : parsed.fieldErrors,
    );

  if (action === 'preview') {
    await discardUploads(req);
    res.render(
      'authoring/block-form',
      formLocals(state, {
        values: body,
        preview: renderLesson({ ...lesson.draft, blocks: [parsed.block] }),
      }),
    );
    return;
  }
  // Only now, with the form valid, does an uploaded resource become a lesson asset.
  const block: Block =
    parsed.block.type === 'resource' && upload
      ? { ...parsed.block, file: await registerUpload(req, lessonId, upload, 'resource') }
      : parsed.block;
  try {
    const version = parseParams(versionForm, body).version;
    if (existing) await replaceBlock(lessonId, version, existing.id, block);
    else await addBlock(lessonId, version, block, state.after || undefined);
  } catch (err) {
    if (isAppError(err) && err.code === 'stale_lesson') {
      const latest = await getLessonForEditing(lessonId);
      // The form keeps the person's text; the new version lets them save it over the latest draft.
      throw await refuse(
        {
          _form: `${err.message} Your text is kept below. Open the lesson in another tab to see the latest version, then save again to replace it.`,
        },
        409,
        err.message,
        { version: latest.version },
      );
    }
    if (isAppError(err) && err.code === 'duplicate_block_id')
      throw await refuse({ id: err.message });
    throw err;
  }
  req.flash('success', 'Block saved to the draft.');
  res.redirect(303, `/authoring/lessons/${lessonId}#block-${block.id}`);
}

/** A stand-in for a resource file being previewed but not yet saved. */
function previewFile(upload: NonNullable<Request['uploads']>[number]): StoredFile {
  return {
    storedName: upload.storedName,
    originalName: upload.originalName,
    mime: upload.mime,
    size: upload.size,
    sha256: upload.sha256,
  };
}
