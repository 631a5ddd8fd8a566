/**
 * Builds the Express application. No side effects: nothing connects or listens here, so tests
 * build apps in-process (tests/helpers/app.ts) and main.ts wires the real database and server.
 */
import compression from 'compression';
import cookieParser from 'cookie-parser';
import express from 'express';
import session from 'express-session';
import type { Connection } from 'mongoose';
import passport from 'passport';
import type { Config } from './config/env.js';
import { configurePassport } from './features/auth/passport.js';
import { DB_CONNECTION_KEY } from './features/health/health.controller.js';
import { attachConfig } from './web/app-config.js';
import { assetHelper, buildManifest, serveAssets } from './web/assets.js';
import { createCsrf } from './web/csrf.js';
import { errorHandler, notFound } from './web/error-handler.js';
import { flash } from './web/flash.js';
import { enforcePasswordChange } from './web/guards.js';
import { baseLocals, userLocals } from './web/locals.js';
import { setupViews } from './web/render.js';
import { mountRoutes } from './web/routes.js';
import { requestLogger, securityHeaders } from './web/security.js';

export interface AppDeps {
  config: Config;
  /** Where sessions live (connect-mongo in main and tests); a memory store when omitted. */
  sessionStore?: session.Store;
  /** The connection /healthz pings; mongoose's default connection when omitted. */
  dbConnection?: Connection;
  /** Extra routes mounted after the feature routers (tests mount test-only routers here). */
  extraRoutes?: (app: express.Express) => void;
}

export const SESSION_COOKIE = 'atelier.sid';
const SESSION_MAX_AGE_MS = 14 * 24 * 60 * 60 * 1000;

export function createApp(deps: AppDeps): express.Express {
  const { config } = deps;
  const app = express();
  attachConfig(app, config);
  if (deps.dbConnection) app.set(DB_CONNECTION_KEY, deps.dbConnection);
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy ? 1 : false);
  setupViews(app, { cache: config.env !== 'development' });
  const manifest = buildManifest();

  app.use(requestLogger());
  app.use(securityHeaders(config));
  app.use(compression());
  app.use(serveAssets(manifest));
  // Set before anything that can fail so that even early errors render in the layout.
  app.use(baseLocals(config, assetHelper(manifest)));
  app.use(cookieParser());
  app.use(express.urlencoded({ extended: false, limit: '1mb', parameterLimit: 2000 }));
  app.use(express.json({ limit: '1mb' }));
  app.use(
    session({
      name: SESSION_COOKIE,
      secret: config.sessionSecret,
      store: deps.sessionStore,
      resave: false,
      saveUninitialized: false,
      cookie: {
        httpOnly: true,
        sameSite: 'lax',
        // Secure whenever the site is served over HTTPS (behind a proxy: set TRUST_PROXY).
        secure: config.baseUrl.startsWith('https://'),
        maxAge: SESSION_MAX_AGE_MS,
      },
    }),
  );
  configurePassport();
  app.use(passport.initialize());
  app.use(passport.session());
  app.use(flash);
  app.use(userLocals);
  app.use(createCsrf(config).middleware);
  app.use(enforcePasswordChange);

  mountRoutes(app);
  deps.extraRoutes?.(app);

  app.use(notFound);
  app.use(errorHandler);
  return app;
}
