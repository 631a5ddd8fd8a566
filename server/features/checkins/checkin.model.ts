/**
 * One check-in between a mentor and an innovator. `slot` is unique: a cadence's meeting on a
 * given local date ("cadence:<id>:2026-03-31") is created once however often planning runs.
 */
import { Schema, model, type Types } from 'mongoose';

export const MOODS = ['struggling', 'steady', 'thriving'] as const;
export type Mood = (typeof MOODS)[number];

export interface ActionItemDoc {
  _id: Types.ObjectId;
  text: string;
  owner: 'innovator' | 'mentor';
  dueDate?: string;
  doneAt: Date | null;
}

export interface CheckinDoc {
  _id: Types.ObjectId;
  mentor: Types.ObjectId;
  innovator: Types.ObjectId;
  cadence?: Types.ObjectId;
  slot: string;
  startsAt: Date;
  durationMinutes: number;
  timeZone: string;
  meetingUrl?: string;
  status: 'scheduled' | 'documented' | 'cancelled';
  /** Only the mentor sees these. */
  privateNotes: string;
  /** The innovator sees these. */
  sharedNotes: string;
  mood?: Mood;
  /** 0-100: how far along the mentor judges the innovator to be. */
  progress?: number;
  actionItems: ActionItemDoc[];
  documentedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

const actionSchema = new Schema<ActionItemDoc>({
  text: { type: String, required: true, maxlength: 500 },
  owner: { type: String, enum: ['innovator', 'mentor'], required: true },
  dueDate: { type: String, match: /^\d{4}-\d{2}-\d{2}$/ },
  doneAt: { type: Date, default: null },
});

const schema = new Schema<CheckinDoc>(
  {
    mentor: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    innovator: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    cadence: { type: Schema.Types.ObjectId, ref: 'CheckinCadence' },
    slot: { type: String, required: true, unique: true },
    startsAt: { type: Date, required: true },
    durationMinutes: { type: Number, default: 45 },
    timeZone: { type: String, required: true },
    meetingUrl: { type: String, maxlength: 500 },
    status: { type: String, enum: ['scheduled', 'documented', 'cancelled'], default: 'scheduled' },
    privateNotes: { type: String, default: '', maxlength: 20_000 },
    sharedNotes: { type: String, default: '', maxlength: 20_000 },
    mood: { type: String, enum: MOODS },
    progress: { type: Number, min: 0, max: 100 },
    actionItems: { type: [actionSchema], default: [] },
    documentedAt: { type: Date, default: null },
  },
  { timestamps: true },
);

schema.index({ mentor: 1, startsAt: 1 });
schema.index({ innovator: 1, startsAt: 1 });

export const Checkin = model<CheckinDoc>('Checkin', schema);
