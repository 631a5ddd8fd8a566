/** Signing a person in and out of the current session (used by sign-in, invitations, resets). */
import type { Request } from 'express';

/** Signs `user` in: passport regenerates the session id (no fixation), then we pin the version. */
export function signIn(req: Request, user: Express.User, sessionVersion: number): Promise<void> {
  return new Promise((resolve, reject) => {
    req.login(user, (err) => {
      if (err) return reject(err);
      req.session.authVersion = sessionVersion;
      req.session.save((saveErr) => (saveErr ? reject(saveErr) : resolve()));
    });
  });
}

/** Signs out and destroys the session in the store. */
export function signOut(req: Request): Promise<void> {
  return new Promise((resolve, reject) => {
    req.logout((err) => {
      if (err) return reject(err);
      req.session.destroy((destroyErr) => (destroyErr ? reject(destroyErr) : resolve()));
    });
  });
}

/** Only same-site paths are honoured as a redirect target after sign-in (no open redirect). */
export function safeNext(next: unknown): string {
  if (
    typeof next !== 'string' ||
    !next.startsWith('/') ||
    next.startsWith('//') ||
    next.startsWith('/\\')
  ) {
    return '/';
  }
  if (/[\r\n]/.test(next) || next.startsWith('/login') || next.startsWith('/logout')) return '/';
  return next;
}
