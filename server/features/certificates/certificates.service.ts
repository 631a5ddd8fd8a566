/**
 * Programme certificates: issued once when the programme is complete, downloadable by their
 * owner as a PDF, and verifiable by anyone who has the code (name, programme and date only).
 */
import { Types } from 'mongoose';
import { getConfig } from '../../config/env.js';
import { NotFoundError } from '../../lib/errors.js';
import { cohortOf } from '../cohorts/cohorts.service.js';
import { getCourseOutline } from '../learning/course-outline.service.js';
import { finalProjectAcceptedAt } from '../progress/completion-rules.js';
import { summariseProgress } from '../progress/progress-summary.js';
import { listProgress } from '../progress/progress.service.js';
import { getUser } from '../users/users.service.js';
import { renderCertificatePdf } from './certificate-pdf.js';
import { Certificate, type CertificateAttrs } from './certificate.model.js';
import { newVerificationCode, normaliseCode } from './verification-code.js';

export type CertificateRecord = CertificateAttrs;

/** What the public verification page may show: nothing beyond name, programme and date. */
export interface VerifiedCertificate {
  name: string;
  programmeTitle: string;
  completedAt: Date;
}

function isDuplicateKey(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 11000;
}

/** The public address where a certificate can be checked. */
export function verifyUrlFor(code: string): string {
  return `${getConfig().baseUrl}/verify/${encodeURIComponent(code)}`;
}

/** The learner's certificate for the published programme, or null. */
export async function getCertificate(userId: string, programme: string): Promise<CertificateRecord | null> {
  if (!Types.ObjectId.isValid(userId)) return null;
  return Certificate.findOne({ user: new Types.ObjectId(userId), programme }).lean<CertificateRecord>();
}

/**
 * Issues the certificate when every module is complete and the final project is accepted;
 * returns it (new or existing) or null when the programme is not complete. Safe to call often:
 * the unique index on (user, programme) keeps it to one certificate with one code.
 */
export async function issueCertificateIfComplete(userId: string): Promise<CertificateRecord | null> {
  const outline = await getCourseOutline();
  if (!outline) return null;
  const existing = await getCertificate(userId, outline.programmeSlug);
  if (existing) return existing;
  const summary = summariseProgress(outline, await listProgress(userId, outline.programmeSlug));
  if (!summary.allModulesComplete || !summary.lastCompletedAt) return null;
  const acceptedAt = await finalProjectAcceptedAt(userId, outline.programmeSlug);
  if (!acceptedAt) return null;
  const [user, cohort] = await Promise.all([getUser(userId), cohortOf(userId)]);
  if (!user) return null;

  const completedAt = new Date(Math.max(summary.lastCompletedAt.getTime(), acceptedAt.getTime()));
  const key = { user: new Types.ObjectId(userId), programme: outline.programmeSlug };
  // Retried on a duplicate key: either a racing request issued it first, or (rarely) the random
  // code collided and a fresh one is drawn.
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      await Certificate.updateOne(
        key,
        {
          $setOnInsert: {
            code: newVerificationCode(),
            name: user.name,
            programmeTitle: outline.title,
            cohortName: cohort?.name ?? '',
            completedAt,
            issuedAt: new Date(),
          },
        },
        { upsert: true },
      );
      break;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
  }
  return getCertificate(userId, outline.programmeSlug);
}

/** Looks a code up for the public page; null when it matches no certificate. */
export async function verifyCertificate(rawCode: string): Promise<VerifiedCertificate | null> {
  const code = normaliseCode(rawCode);
  if (!code) return null;
  const cert = await Certificate.findOne({ code }, { name: 1, programmeTitle: 1, completedAt: 1 }).lean<CertificateRecord>();
  return cert ? { name: cert.name, programmeTitle: cert.programmeTitle, completedAt: cert.completedAt } : null;
}

/** The learner's certificate as a PDF; NotFoundError when they have none. */
export async function certificatePdfFor(userId: string): Promise<{ pdf: Buffer; certificate: CertificateRecord }> {
  const certificate = await issueCertificateIfComplete(userId);
  if (!certificate) throw new NotFoundError('You do not have a certificate yet.');
  const pdf = await renderCertificatePdf({ ...certificate, verifyUrl: verifyUrlFor(certificate.code) });
  return { pdf, certificate };
}
