import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../../server/config/env.js';

const SECRET = 'a-session-secret-that-is-long-enough-1234';

function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'atelier-config-'));
}

function messageFor(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig({ SESSION_SECRET: SECRET, DATA_DIR: tempDir(), ...env });
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    const message = (err as Error).message;
    expect(message).not.toContain('\n');
    return message;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('fills in defaults for an empty environment', () => {
    const dataDir = tempDir();
    const config = loadConfig({ DATA_DIR: dataDir });
    expect(config.env).toBe('development');
    expect(config.port).toBe(3000);
    expect(config.baseUrl).toBe('http://localhost:3000');
    expect(config.dataDir).toBe(dataDir);
    expect(config.uploadsDir).toBe(path.resolve('./uploads'));
    expect(config.jobsEnabled).toBe(true);
    expect(config.uploadMaxBytes).toBe(20 * 1024 * 1024);
    expect(config.avatarMaxBytes).toBe(2 * 1024 * 1024);
    expect(config.uploadMaxFiles).toBe(5);
    expect(config.inviteTtlDays).toBe(7);
    expect(config.defaultTimezone).toBe('Europe/Belgrade');
    expect(config.mongodbUri).toBeUndefined();
    expect(config.smtpUrl).toBeUndefined();
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('parses every setting it is given', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      PORT: '8080',
      HOST: '127.0.0.1',
      BASE_URL: 'https://learn.example.org/',
      MONGODB_URI: 'mongodb://user:pw@db1:27017,db2:27017/atelier?replicaSet=rs0',
      SESSION_SECRET: SECRET,
      TRUST_PROXY: 'true',
      SMTP_URL: 'smtps://mailer:pw@smtp.example.org:465',
      MAIL_FROM: 'Atelier <atelier@example.org>',
      LOG_LEVEL: 'warn',
      JOBS_ENABLED: 'false',
      ADMIN_EMAIL: 'Admin@Example.org',
      ADMIN_PASSWORD: 'a long enough password',
      UPLOAD_MAX_BYTES: '1000',
      AVATAR_MAX_BYTES: '500',
      UPLOAD_MAX_FILES: '2',
      INVITE_TTL_DAYS: '3',
      DEFAULT_TIMEZONE: 'Europe/Sofia',
    });
    expect(config).toMatchObject({
      isProduction: true,
      port: 8080,
      host: '127.0.0.1',
      baseUrl: 'https://learn.example.org',
      trustProxy: true,
      logLevel: 'warn',
      jobsEnabled: false,
      adminEmail: 'admin@example.org',
      uploadMaxBytes: 1000,
      avatarMaxBytes: 500,
      uploadMaxFiles: 2,
      inviteTtlDays: 3,
      defaultTimezone: 'Europe/Sofia',
      sessionSecret: SECRET,
    });
  });

  it('treats empty values as unset', () => {
    const config = loadConfig({ DATA_DIR: tempDir(), PORT: '', SMTP_URL: '', MONGODB_URI: '' });
    expect(config.port).toBe(3000);
    expect(config.smtpUrl).toBeUndefined();
    expect(config.mongodbUri).toBeUndefined();
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT must be a whole number'],
    [{ PORT: '70000' }, 'PORT must be at most 65535'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV must be development, production or test'],
    [{ BASE_URL: 'learn.example.org' }, 'BASE_URL must be a URL starting with http:// or https://'],
    [
      { MONGODB_URI: 'postgres://db/atelier' },
      'MONGODB_URI must be a MongoDB address starting with mongodb:// or mongodb+srv://',
    ],
    [{ SESSION_SECRET: 'short' }, 'SESSION_SECRET must be at least 32 characters long'],
    [{ TRUST_PROXY: 'maybe' }, 'TRUST_PROXY must be true or false'],
    [{ SMTP_URL: 'mail.example.org' }, 'SMTP_URL must be a URL starting with smtp:// or smtps://'],
    [
      { LOG_LEVEL: 'loud' },
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
    ],
    [{ JOBS_ENABLED: 'sometimes' }, 'JOBS_ENABLED must be true or false'],
    [{ ADMIN_EMAIL: 'not-an-email' }, 'ADMIN_EMAIL must be an email address'],
    [{ ADMIN_PASSWORD: 'short' }, 'ADMIN_PASSWORD must be at least 12 characters long'],
    [{ UPLOAD_MAX_BYTES: '20MB' }, 'UPLOAD_MAX_BYTES must be a whole number'],
    [{ AVATAR_MAX_BYTES: '0' }, 'AVATAR_MAX_BYTES must be at least 1'],
    [{ UPLOAD_MAX_FILES: '1000' }, 'UPLOAD_MAX_FILES must be at most 100'],
    [{ INVITE_TTL_DAYS: '-1' }, 'INVITE_TTL_DAYS must be a whole number'],
    [
      { DEFAULT_TIMEZONE: 'Balkans/Nowhere' },
      'DEFAULT_TIMEZONE must be an IANA time zone such as Europe/Belgrade',
    ],
    [{ SHUTDOWN_TIMEOUT_MS: 'soon' }, 'SHUTDOWN_TIMEOUT_MS must be a whole number'],
  ])('refuses %j with one line naming the setting', (env, expected) => {
    expect(messageFor(env)).toBe(expected);
  });

  it('requires SESSION_SECRET in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATA_DIR: tempDir() })).toThrow(
      new ConfigError('SESSION_SECRET is required when NODE_ENV=production'),
    );
  });

  it('outside production generates a session secret once and keeps it in DATA_DIR', () => {
    const dataDir = tempDir();
    const first = loadConfig({ DATA_DIR: dataDir });
    expect(first.sessionSecret).toMatch(/^[0-9a-f]{64}$/);
    expect(readFileSync(path.join(dataDir, 'session-secret'), 'utf8').trim()).toBe(
      first.sessionSecret,
    );
    const second = loadConfig({ DATA_DIR: dataDir });
    expect(second.sessionSecret).toBe(first.sessionSecret);
  });
});
