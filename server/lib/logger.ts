/**
 * The process logger. Secrets never reach the logs: any field named like a password, token,
 * cookie or authorization header is redacted wherever it appears (two levels deep).
 */
import { pino, type Logger } from 'pino';

const SECRET_KEYS = [
  'password',
  'newPassword',
  'currentPassword',
  'passwordHash',
  'token',
  'secret',
  'cookie',
  'authorization',
  '_csrf',
];

export const redactPaths = [
  ...SECRET_KEYS,
  ...SECRET_KEYS.map((k) => `*.${k}`),
  ...SECRET_KEYS.map((k) => `*.*.${k}`),
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
];

function initialLevel(): string {
  // Read here (not through config) because the logger exists before config is parsed, to be able
  // to report a config error; config.logLevel is applied in main via setLogLevel().
  const fromEnv = process.env.LOG_LEVEL;
  if (fromEnv) return fromEnv;
  return process.env.NODE_ENV === 'test' ? 'silent' : 'info';
}

/** A logger with our redaction rules; `destination` lets tests capture what would be written. */
export function createLogger(destination?: pino.DestinationStream, level = initialLevel()): Logger {
  const options = {
    level,
    redact: { paths: redactPaths, censor: '[redacted]' },
    base: { app: 'atelier' },
  };
  return destination ? pino(options, destination) : pino(options);
}

export const logger: Logger = createLogger();

export function setLogLevel(level: string): void {
  logger.level = level;
}

export type { Logger };
