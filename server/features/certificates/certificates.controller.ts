/** The learner's certificate page and download, and the public verification page. */
import type { Request, Response } from 'express';
import { programmeOverview } from '../learning/module-page.service.js';
import { formatCertificateDate } from './certificate-pdf.js';
import { certificatePdfFor, issueCertificateIfComplete, verifyCertificate, verifyUrlFor } from './certificates.service.js';

/** GET /certificate */
export async function showCertificate(req: Request, res: Response): Promise<void> {
  const [certificate, overview] = await Promise.all([issueCertificateIfComplete(req.user!.id), programmeOverview(req.user!.id)]);
  res.render('certificates/show', {
    title: 'Your certificate',
    certificate,
    overview,
    verifyUrl: certificate ? verifyUrlFor(certificate.code) : null,
    formatDate: formatCertificateDate,
  });
}

/** GET /certificate/download */
export async function downloadCertificate(req: Request, res: Response): Promise<void> {
  const { pdf } = await certificatePdfFor(req.user!.id);
  res.type('application/pdf');
  res.attachment('certificate.pdf');
  res.send(pdf);
}

/** GET /verify/:code (public): only name, programme and date, or a clear "not found". */
export async function verify(req: Request, res: Response): Promise<void> {
  // Anything typed is echoed back (escaped) so the person sees which code failed; only a
  // well-formed code is looked up (verifyCertificate normalises and checks it).
  const code = String(req.params.code ?? '').slice(0, 40);
  const result = code ? await verifyCertificate(code) : null;
  res.status(result ? 200 : 404).render('certificates/verify', {
    title: 'Certificate verification',
    code,
    result,
    formatDate: formatCertificateDate,
  });
}

/** GET /verify?code=... (the form on the verification page) */
export function verifyForm(req: Request, res: Response): void {
  const code = typeof req.query.code === 'string' ? req.query.code.trim().slice(0, 40) : '';
  if (code) {
    res.redirect(303, `/verify/${encodeURIComponent(code)}`);
    return;
  }
  res.render('certificates/verify', { title: 'Certificate verification', code: '', result: null, formatDate: formatCertificateDate });
}
