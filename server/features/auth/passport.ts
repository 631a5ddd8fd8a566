/**
 * Passport: the local strategy (fields `email`/`password`) and the session (de)serialisers.
 * Only the user id goes into passport's session slot; beside it the session keeps the account's
 * session version (as Django keeps a hash of the password): when the version moves on - password
 * reset or change, deactivation - every older session is signed out on its next request.
 */
import type { Request } from 'express';
import passport from 'passport';
import { Strategy as LocalStrategy } from 'passport-local';
import { accountById } from '../users/credentials.service.js';
import { toSessionUser } from '../users/users.service.js';
import { authenticate, LOGIN_MESSAGES } from './auth.service.js';

declare module 'express-session' {
  interface SessionData {
    /** The account's sessionVersion when this session signed in. */
    authVersion?: number;
  }
}

/** What the local strategy hands to the sign-in controller besides the user. */
export interface LoginInfo {
  message?: string;
  sessionVersion?: number;
}

let configured = false;

/** Registers the strategy and serialisers once per process (createApp may run many times). */
export function configurePassport(): void {
  if (configured) return;
  configured = true;

  passport.use(
    new LocalStrategy(
      { usernameField: 'email', passwordField: 'password' },
      (email, password, done) => {
        authenticate(email, password).then((result) => {
          if (!result.ok) return done(null, false, { message: LOGIN_MESSAGES[result.reason] });
          const info: LoginInfo = { sessionVersion: result.account.sessionVersion };
          done(null, toSessionUser(result.account.user), info as { message: string });
        }, done);
      },
    ),
  );

  passport.serializeUser((user, done) => done(null, user.id));

  passport.deserializeUser(
    (req: Request, id: unknown, done: (err: unknown, user?: Express.User | false) => void) => {
      accountById(String(id)).then((account) => {
        // Deactivated people and sessions older than the last password change are signed out.
        if (!account || !account.user.active || !account.passwordHash) return done(null, false);
        if ((req.session.authVersion ?? 0) !== account.sessionVersion) return done(null, false);
        done(null, toSessionUser(account.user));
      }, done);
    },
  );
}
