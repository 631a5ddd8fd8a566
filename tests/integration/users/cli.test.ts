/** The command-line scripts, run as a person would run them, against this file's test database. */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { verifyPassword } from '../../../server/features/auth/password.service.js';
import { Cohort } from '../../../server/features/cohorts/cohort.model.js';
import { MentorAssignment } from '../../../server/features/cohorts/mentor-assignment.model.js';
import { DEMO_PEOPLE, seedDemo } from '../../../server/features/users/demo-seed.service.js';
import { User } from '../../../server/features/users/user.model.js';
import { clearDatabase, connectTestDatabase, disconnect, testDbName, testMongoUri } from '../../helpers/db.js';

const run = promisify(execFile);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');

function script(name: string, args: string[]) {
  const uri = new URL(testMongoUri());
  uri.pathname = `/${testDbName}`;
  return run(
    path.join(root, 'node_modules/.bin/tsx'),
    [path.join(root, 'scripts', name), ...args],
    {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: 'test',
        MONGODB_URI: uri.toString(),
        DATA_DIR: mkdtempSync(path.join(tmpdir(), 'atelier-cli-')),
        LOG_LEVEL: 'silent',
      },
    },
  );
}

beforeAll(connectTestDatabase);
beforeEach(clearDatabase);
afterAll(disconnect);

describe('user:create', () => {
  it('creates a person with the given password', async () => {
    const { stdout } = await script('user-create.ts', [
      '--email',
      'Boss@Example.org',
      '--name',
      'Big Boss',
      '--role',
      'admin',
      '--role',
      'mentor',
      '--password',
      'Quiet-river-stone-88',
    ]);
    expect(stdout).toContain('Created admin, mentor boss@example.org');
    const user = await User.findOne({ email: 'boss@example.org' }).lean();
    expect(user).toMatchObject({
      name: 'Big Boss',
      roles: ['admin', 'mentor'],
      mustChangePassword: false,
    });
    expect(await verifyPassword(user!.passwordHash!, 'Quiet-river-stone-88')).toBe(true);
  }, 60_000);

  it('prints a one-time password when none is given, and refuses bad arguments', async () => {
    const { stdout } = await script('user-create.ts', [
      '--email',
      'm@example.org',
      '--name',
      'M',
      '--role',
      'mentor',
    ]);
    const oneTime = /One-time password[^:]*: (\S+)/.exec(stdout)?.[1];
    const user = await User.findOne({ email: 'm@example.org' }).lean();
    expect(user!.mustChangePassword).toBe(true);
    expect(await verifyPassword(user!.passwordHash!, oneTime!)).toBe(true);

    await expect(
      script('user-create.ts', ['--email', 'x@example.org', '--name', 'X', '--role', 'king']),
    ).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--role must be one of'),
    });
    await expect(
      script('user-create.ts', [
        '--email',
        'x@example.org',
        '--name',
        'X',
        '--role',
        'admin',
        '--password',
        'password1234',
      ]),
    ).rejects.toMatchObject({
      stderr: expect.stringContaining('--password is too weak'),
    });
    await expect(
      script('user-create.ts', ['--email', 'm@example.org', '--name', 'Again', '--role', 'admin']),
    ).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('already has an account'),
    });
    expect(await User.countDocuments()).toBe(1);
  }, 90_000);
});

describe('seed:demo', () => {
  it('creates the demo cohort and people, prints the demo passwords, and is idempotent', async () => {
    const { stdout } = await script('seed-demo.ts', []);
    expect(stdout).toContain('DEMO ONLY');
    expect(stdout).toContain('innovator1@demo.atelier.local');
    expect(await User.countDocuments()).toBe(DEMO_PEOPLE.length);
    expect(await User.countDocuments({ roles: 'innovator' })).toBe(6);
    expect(await User.countDocuments({ roles: 'mentor' })).toBe(2);
    expect(
      new Set((await User.find({ roles: 'innovator' }).lean()).map((u) => u.profile.country)).size,
    ).toBe(6);
    expect(await MentorAssignment.countDocuments({ endedAt: null })).toBe(6);
    const innovator = await User.findOne({ email: 'innovator1@demo.atelier.local' }).lean();
    expect(await verifyPassword(innovator!.passwordHash!, 'demo-innovator-2026')).toBe(true);

    const again = await seedDemo();
    expect(again.created).toEqual([]);
    expect(await User.countDocuments()).toBe(DEMO_PEOPLE.length);
    expect(await Cohort.countDocuments()).toBe(1);
    expect(await MentorAssignment.countDocuments()).toBe(6);
  }, 60_000);
});
