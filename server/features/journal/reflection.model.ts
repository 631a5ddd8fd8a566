/**
 * A learner's answer to one reflection prompt. Keyed by the reflection block's stable id, so
 * editing or moving the lesson never loses the text; module and lesson are kept for grouping.
 */
import { Schema, model, type Types } from 'mongoose';

export interface ReflectionAttrs {
  _id: Types.ObjectId;
  user: Types.ObjectId;
  programme: string;
  module: string;
  lesson: string;
  reflectionId: string;
  text: string;
  createdAt: Date;
  updatedAt: Date;
}

const reflectionSchema = new Schema<ReflectionAttrs>(
  {
    user: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    programme: { type: String, required: true },
    module: { type: String, required: true },
    lesson: { type: String, required: true },
    reflectionId: { type: String, required: true },
    text: { type: String, default: '', maxlength: 20000 },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false },
);

reflectionSchema.index({ user: 1, programme: 1, reflectionId: 1 }, { unique: true });

export const Reflection = model<ReflectionAttrs>('Reflection', reflectionSchema);
