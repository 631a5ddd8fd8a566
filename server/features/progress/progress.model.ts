/**
 * One record per learner per lesson. Keyed by (user, programme, lesson): lesson slugs are unique
 * within a programme and stable across edits, so content changes never orphan a record. The
 * module slug is kept for reading convenience only and follows the lesson if it moves.
 */
import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';

const quizAttemptSchema = new Schema(
  {
    quizId: { type: String, required: true },
    submittedAt: { type: Date, required: true },
    score: { type: Number, required: true },
    passed: { type: Boolean, required: true },
    /** question id -> what was chosen/typed, kept so feedback can be shown again later. */
    answers: { type: Schema.Types.Mixed, required: true },
    results: [{ _id: false, questionId: String, correct: Boolean }],
  },
  { _id: false },
);

const lessonProgressSchema = new Schema(
  {
    user: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    programme: { type: String, required: true },
    module: { type: String, required: true },
    lesson: { type: String, required: true },
    firstOpenedAt: { type: Date, required: true },
    status: { type: String, enum: ['in_progress', 'completed'], default: 'in_progress' },
    lastVisitedAt: { type: Date, required: true },
    visits: { type: Number, default: 0 },
    /** Approximate seconds, credited between two interactions with the lesson (see service). */
    timeSpentSeconds: { type: Number, default: 0 },
    /** The page view whose following gap was already credited to this lesson (guards two tabs). */
    creditedVisitAt: { type: Date },
    /** Absent until completed; never overwritten once set. */
    completedAt: { type: Date },
    quizAttemptCount: { type: Number, default: 0 },
    quizPassedAt: { type: Date },
    quizAttempts: { type: [quizAttemptSchema], default: [] },
  },
  { collection: 'lessonprogress', versionKey: false },
);

lessonProgressSchema.index({ user: 1, programme: 1, lesson: 1 }, { unique: true });

export type LessonProgressRecord = InferSchemaType<typeof lessonProgressSchema> & { _id: Types.ObjectId };

export const LessonProgress = mongoose.model('LessonProgress', lessonProgressSchema);
