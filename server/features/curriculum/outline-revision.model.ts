/**
 * One published state of a module's or the programme's texts ("outline" fields): publish, import
 * and restore each add one, never edited. Modules and the programme keep separate collections
 * (ModuleRevision, ProgrammeRevision) with the same shape, as LessonRevision does for lessons.
 */
import { Schema, model, type Model, type Types } from 'mongoose';
import { REVISION_KINDS, type RevisionKind } from './lesson-revision.model.js';

export interface OutlineRevisionAttrs {
  /** The module or programme this revision belongs to. */
  owner: Types.ObjectId;
  number: number;
  kind: RevisionKind;
  /** Snapshot of the published fields (ModuleFields or ProgrammeFields). */
  fields: Record<string, unknown>;
  author: Types.ObjectId | null;
  authorName: string;
  note: string;
  createdAt: Date;
}

function revisionModel(name: string, collection: string, ownerRef: string): Model<OutlineRevisionAttrs> {
  const schema = new Schema<OutlineRevisionAttrs>(
    {
      owner: { type: Schema.Types.ObjectId, ref: ownerRef, required: true },
      number: { type: Number, required: true },
      kind: { type: String, enum: REVISION_KINDS, required: true },
      fields: { type: Schema.Types.Mixed, required: true },
      author: { type: Schema.Types.ObjectId, ref: 'User', default: null },
      // Kept as text so the history stays readable if the account is deleted.
      authorName: { type: String, default: '' },
      note: { type: String, default: '' },
    },
    { timestamps: { createdAt: true, updatedAt: false }, minimize: false },
  );
  schema.index({ owner: 1, number: 1 }, { unique: true });
  return model<OutlineRevisionAttrs>(name, schema, collection);
}

export const ModuleRevision = revisionModel('ModuleRevision', 'module_revisions', 'CourseModule');
export const ProgrammeRevision = revisionModel('ProgrammeRevision', 'programme_revisions', 'Programme');
