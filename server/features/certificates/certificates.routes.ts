import { Router } from 'express';
import { requireAuth } from '../../web/guards.js';
import { downloadCertificate, showCertificate, verify, verifyForm } from './certificates.controller.js';

export const certificatesRouter = Router();

certificatesRouter.get('/certificate', requireAuth, showCertificate);
certificatesRouter.get('/certificate/download', requireAuth, downloadCertificate);
certificatesRouter.get('/verify', verifyForm);
certificatesRouter.get('/verify/:code', verify);
