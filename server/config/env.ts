/**
 * The only reader of process.env: every setting is parsed once with zod, typed and frozen.
 * A bad value stops start-up with ONE line naming the setting and what is wrong with it.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import dotenv from 'dotenv';
import { z } from 'zod';

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

const MB = 1024 * 1024;
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const boolean = (fallback: boolean) =>
  z.preprocess(
    (v) => (v === undefined || v === '' ? String(fallback) : String(v).toLowerCase()),
    z
      .string()
      .refine((s) => ['true', 'false', '1', '0', 'yes', 'no'].includes(s), {
        message: 'must be true or false',
      })
      .transform((s) => ['true', '1', 'yes'].includes(s)),
  );

const integer = (fallback: number, min: number, max: number) =>
  z.preprocess(
    (v) => (v === undefined || v === '' ? String(fallback) : v),
    z
      .string()
      .regex(/^\d+$/, { message: 'must be a whole number' })
      .transform(Number)
      .pipe(
        z
          .number()
          .min(min, { message: `must be at least ${min}` })
          .max(max, { message: `must be at most ${max}` }),
      ),
  );

const url = (protocols: string[]) =>
  z.string().refine(
    (s) => {
      try {
        return protocols.includes(new URL(s).protocol);
      } catch {
        return false;
      }
    },
    { message: `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}` },
  );

// Env vars are strings; an empty string means "unset" so `.env` lines like `SMTP_URL=` work.
const schema = z.object({
  NODE_ENV: z.preprocess(
    (v) => (v === undefined || v === '' ? 'development' : v),
    z.enum(['development', 'production', 'test'], {
      message: 'must be development, production or test',
    }),
  ),
  PORT: integer(3000, 0, 65535),
  HOST: z.preprocess((v) => (v === undefined || v === '' ? '0.0.0.0' : v), z.string()),
  BASE_URL: z.preprocess((v) => (v === '' ? undefined : v), url(['http:', 'https:']).optional()),
  MONGODB_URI: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .regex(/^mongodb(\+srv)?:\/\/[^/\s]+/, {
        message: 'must be a MongoDB address starting with mongodb:// or mongodb+srv://',
      })
      .optional(),
  ),
  DATA_DIR: z.preprocess((v) => (v === undefined || v === '' ? './data' : v), z.string()),
  UPLOADS_DIR: z.preprocess((v) => (v === undefined || v === '' ? './uploads' : v), z.string()),
  SESSION_SECRET: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.string().min(32, { message: 'must be at least 32 characters long' }).optional(),
  ),
  TRUST_PROXY: boolean(false),
  SMTP_URL: z.preprocess((v) => (v === '' ? undefined : v), url(['smtp:', 'smtps:']).optional()),
  MAIL_FROM: z.preprocess(
    (v) => (v === undefined || v === '' ? 'Atelier <no-reply@atelier.local>' : v),
    z.string(),
  ),
  LOG_LEVEL: z.preprocess(
    (v) => (v === undefined || v === '' ? undefined : v),
    z.enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` }).optional(),
  ),
  JOBS_ENABLED: boolean(true),
  ADMIN_EMAIL: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.email({ message: 'must be an email address' }).optional(),
  ),
  ADMIN_PASSWORD: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.string().min(12, { message: 'must be at least 12 characters long' }).optional(),
  ),
  UPLOAD_MAX_BYTES: integer(20 * MB, 1, 1024 * MB),
  AVATAR_MAX_BYTES: integer(2 * MB, 1, 1024 * MB),
  UPLOAD_MAX_FILES: integer(5, 1, 100),
  INVITE_TTL_DAYS: integer(7, 1, 365),
  SHUTDOWN_TIMEOUT_MS: integer(10_000, 0, 600_000),
  DEFAULT_TIMEZONE: z.preprocess(
    (v) => (v === undefined || v === '' ? 'Europe/Belgrade' : v),
    z.string().refine(
      (tz) => {
        try {
          new Intl.DateTimeFormat('en', { timeZone: tz });
          return true;
        } catch {
          return false;
        }
      },
      { message: 'must be an IANA time zone such as Europe/Belgrade' },
    ),
  ),
});

export type Config = Readonly<{
  env: 'development' | 'production' | 'test';
  isProduction: boolean;
  isTest: boolean;
  port: number;
  host: string;
  baseUrl: string;
  mongodbUri?: string;
  dataDir: string;
  uploadsDir: string;
  sessionSecret: string;
  trustProxy: boolean;
  smtpUrl?: string;
  mailFrom: string;
  logLevel: (typeof LOG_LEVELS)[number];
  jobsEnabled: boolean;
  adminEmail?: string;
  adminPassword?: string;
  uploadMaxBytes: number;
  avatarMaxBytes: number;
  uploadMaxFiles: number;
  inviteTtlDays: number;
  defaultTimezone: string;
  shutdownTimeoutMs: number;
}>;

/** Parses settings from `source` (normally process.env); throws ConfigError naming the setting. */
export function loadConfig(source: NodeJS.ProcessEnv): Config {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue.path[0] ?? 'configuration');
    throw new ConfigError(`${name} ${issue.message.replace(/\s+/g, ' ')}`);
  }
  const e = parsed.data;
  const env = e.NODE_ENV;
  if (env === 'production' && !e.SESSION_SECRET) {
    throw new ConfigError('SESSION_SECRET is required when NODE_ENV=production');
  }
  const dataDir = path.resolve(e.DATA_DIR);
  const port = e.PORT;
  const config: Config = {
    env,
    isProduction: env === 'production',
    isTest: env === 'test',
    port,
    host: e.HOST,
    baseUrl: (e.BASE_URL ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    mongodbUri: e.MONGODB_URI,
    dataDir,
    uploadsDir: path.resolve(e.UPLOADS_DIR),
    sessionSecret: e.SESSION_SECRET ?? localSessionSecret(dataDir),
    trustProxy: e.TRUST_PROXY,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    logLevel: e.LOG_LEVEL ?? (env === 'test' ? 'silent' : 'info'),
    jobsEnabled: e.JOBS_ENABLED,
    adminEmail: e.ADMIN_EMAIL?.toLowerCase(),
    adminPassword: e.ADMIN_PASSWORD,
    uploadMaxBytes: e.UPLOAD_MAX_BYTES,
    avatarMaxBytes: e.AVATAR_MAX_BYTES,
    uploadMaxFiles: e.UPLOAD_MAX_FILES,
    inviteTtlDays: e.INVITE_TTL_DAYS,
    defaultTimezone: e.DEFAULT_TIMEZONE,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
  };
  return Object.freeze(config);
}

/**
 * Outside production a missing SESSION_SECRET is generated once and kept in DATA_DIR so that
 * sessions survive restarts of a development install.
 */
function localSessionSecret(dataDir: string): string {
  const file = path.join(dataDir, 'session-secret');
  if (existsSync(file)) {
    const stored = readFileSync(file, 'utf8').trim();
    if (stored.length >= 32) return stored;
  }
  const secret = randomBytes(32).toString('hex');
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

let cached: Config | undefined;

/** The process-wide config: reads `.env` (if present) once, then parses process.env. */
export function getConfig(): Config {
  if (!cached) {
    dotenv.config({ quiet: true });
    cached = loadConfig(process.env);
  }
  return cached;
}
