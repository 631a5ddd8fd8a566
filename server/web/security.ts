/** Security headers (helmet) and request ids + request logs (pino-http). */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import type { Config } from '../config/env.js';
import { logger as appLogger, type Logger } from '../lib/logger.js';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** Reuses a sane incoming X-Request-Id (set by a proxy) so logs can be joined; else a new UUID. */
function requestId(req: IncomingMessage, res: ServerResponse): string {
  const incoming = req.headers['x-request-id'];
  const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
  res.setHeader('X-Request-Id', id);
  return id;
}

/**
 * One log line per request at level info, with a request id (also sent as X-Request-Id). When
 * the level is above info (warn, error, silent) no such line can be written, so the request only
 * gets its id: pino-http's per-request child logger would cost every request for nothing. Errors
 * are still logged by the error handler, with the request id. The level is read per request, as
 * setLogLevel can change it at run time.
 */
export function requestLogger(logger: Logger = appLogger) {
  const logRequest = pinoHttp({
    logger,
    genReqId: requestId,
    customLogLevel: (_req, res, err) =>
      err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    // One compact line per request; headers (cookies!) stay out of the logs.
    serializers: {
      req: (req: { id?: unknown; method?: string; url?: string }) => ({
        id: req.id,
        method: req.method,
        url: req.url,
      }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
    },
    autoLogging: {
      ignore: (req) => req.url === '/healthz' || req.url?.startsWith('/assets/') === true,
    },
  });
  return function requestLogging(req: IncomingMessage, res: ServerResponse, next: () => void): void {
    if (logger.isLevelEnabled('info')) return logRequest(req, res, next);
    (req as IncomingMessage & { id: string }).id = requestId(req, res);
    next();
  };
}

export function securityHeaders(config: Config) {
  const https = config.baseUrl.startsWith('https://');
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'https:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        // Only behind HTTPS: on plain-http installs it would rewrite our own asset URLs to https.
        ...(https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    // HSTS on a plain-http install would lock browsers out of it for a year.
    strictTransportSecurity: https ? { maxAge: 15552000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
  });
}
