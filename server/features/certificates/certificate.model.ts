/**
 * A programme certificate. Name, programme and cohort are copied at issue time so the
 * certificate (and its public verification page) says what was true when it was earned.
 */
import { Schema, model, type Types } from 'mongoose';

export interface CertificateAttrs {
  _id: Types.ObjectId;
  user: Types.ObjectId;
  programme: string;
  code: string;
  name: string;
  programmeTitle: string;
  cohortName: string;
  completedAt: Date;
  issuedAt: Date;
}

const certificateSchema = new Schema<CertificateAttrs>(
  {
    user: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    programme: { type: String, required: true },
    code: { type: String, required: true },
    name: { type: String, required: true },
    programmeTitle: { type: String, required: true },
    cohortName: { type: String, default: '' },
    completedAt: { type: Date, required: true },
    issuedAt: { type: Date, required: true },
  },
  { versionKey: false },
);

// One certificate per learner per programme, however many times completion is detected.
certificateSchema.index({ user: 1, programme: 1 }, { unique: true });
certificateSchema.index({ code: 1 }, { unique: true });

export const Certificate = model<CertificateAttrs>('Certificate', certificateSchema);
