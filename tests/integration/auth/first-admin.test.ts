/** First start: one admin from ADMIN_EMAIL/ADMIN_PASSWORD, or with a one-time password shown once. */
import { jest } from '@jest/globals';
import { pino } from 'pino';
import {
  ensureFirstAdmin,
  DEFAULT_ADMIN_EMAIL,
} from '../../../server/features/auth/first-admin.service.js';
import { verifyPassword } from '../../../server/features/auth/password.service.js';
import { User } from '../../../server/features/users/user.model.js';
import { registeredStartupTasks, runStartupTasks } from '../../../server/lib/startup.js';
import { testConfig } from '../../helpers/app.js';
import { clearDatabase, connectTestDatabase, disconnect } from '../../helpers/db.js';
import { createUser } from '../../helpers/factories/users.js';
import '../../../server/features/auth/first-admin.startup.js';

beforeAll(connectTestDatabase);
beforeEach(clearDatabase);
afterAll(disconnect);

it('uses ADMIN_EMAIL and ADMIN_PASSWORD when both are set', async () => {
  const result = await ensureFirstAdmin({
    adminEmail: 'boss@example.org',
    adminPassword: 'Configured-secret-2026',
  });
  expect(result).toEqual({ created: true, email: 'boss@example.org', oneTimePassword: undefined });
  const admin = await User.findOne({ email: 'boss@example.org' }).lean();
  expect(admin).toMatchObject({ roles: ['admin'], mustChangePassword: false, active: true });
  expect(await verifyPassword(admin!.passwordHash!, 'Configured-secret-2026')).toBe(true);
});

it('does nothing when an admin exists', async () => {
  await createUser({ roles: ['admin'] });
  expect(await ensureFirstAdmin({})).toEqual({ created: false });
  expect(await User.countDocuments()).toBe(1);
});

it('prints a one-time password once to stdout (not the log) and forces a change', async () => {
  expect(registeredStartupTasks()).toContain('create the first admin');
  const written: string[] = [];
  const spy = jest
    .spyOn(process.stdout, 'write')
    .mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
  const logLines: string[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => logLines.push(line) });
  try {
    await runStartupTasks({ config: testConfig(), logger });
  } finally {
    spy.mockRestore();
  }
  const printed = written.join('');
  const password = /password: (\S+)\s+\(one-time\)/.exec(printed)?.[1];
  expect(password).toBeDefined();
  expect(printed).toContain(DEFAULT_ADMIN_EMAIL);
  expect(logLines.join('')).not.toContain(password!);
  const admin = await User.findOne({ email: DEFAULT_ADMIN_EMAIL }).lean();
  expect(admin).toMatchObject({ roles: ['admin'], mustChangePassword: true });
  expect(await verifyPassword(admin!.passwordHash!, password!)).toBe(true);

  // A second start changes nothing and prints nothing.
  const again: string[] = [];
  const spy2 = jest
    .spyOn(process.stdout, 'write')
    .mockImplementation((chunk: string | Uint8Array) => {
      again.push(String(chunk));
      return true;
    });
  try {
    await runStartupTasks({ config: testConfig(), logger });
  } finally {
    spy2.mockRestore();
  }
  expect(again.join('')).not.toContain('password');
  expect(await User.countDocuments()).toBe(1);
});
