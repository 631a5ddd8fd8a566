/** Sign-in, sign-out, password reset and the account pages (password, email). */
import { Router } from 'express';
import { requireAuth } from '../../web/guards.js';
import {
  changeEmail,
  confirmEmail,
  showChangeEmail,
  showConfirmEmail,
} from './email.controller.js';
import { login, logout, showLogin } from './login.controller.js';
import {
  changeOwnPassword,
  forgot,
  reset,
  showChangePassword,
  showForgot,
  showReset,
} from './password.controller.js';
import { forgotLimiter, loginLimiter, tokenLimiter } from './rate-limits.js';

export const authRouter = Router();

authRouter.get('/login', showLogin);
authRouter.post('/login', loginLimiter, login);
authRouter.post('/logout', logout);
authRouter.get('/password/forgot', showForgot);
authRouter.post('/password/forgot', forgotLimiter, forgot);
authRouter.get('/password/reset/:token', showReset);
authRouter.post('/password/reset/:token', tokenLimiter, reset);
authRouter.get('/account/password', requireAuth, showChangePassword);
authRouter.post('/account/password', requireAuth, changeOwnPassword);
authRouter.get('/account/email', requireAuth, showChangeEmail);
authRouter.post('/account/email', requireAuth, changeEmail);
authRouter.get('/account/email/confirm/:token', showConfirmEmail);
authRouter.post('/account/email/confirm/:token', tokenLimiter, confirmEmail);
