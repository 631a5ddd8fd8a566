/**
 * npm run user:create -- --email ana@example.org --name "Ana K" --role admin [--role mentor]
 *                        [--country RS] [--password "a long password"]
 * Without --password a random one-time password is printed and must be changed at first sign-in.
 * Connects like the server (MONGODB_URI, or the embedded engine under DATA_DIR).
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { getConfig } from '../server/config/env.js';
import { connectDatabase } from '../server/db/connection.js';
import { passwordProblem } from '../server/features/auth/password.service.js';
import { createUser } from '../server/features/users/users.service.js';
import { COUNTRY_CODES } from '../server/lib/countries.js';
import { logger, setLogLevel } from '../server/lib/logger.js';
import { ROLES } from '../server/lib/roles.js';

const USAGE =
  'usage: npm run user:create -- --email EMAIL --name NAME --role ROLE [--role ROLE] [--country CODE] [--password PASSWORD]';

const argsSchema = z.object({
  email: z.email({ message: '--email must be an email address' }),
  name: z.string({ message: '--name is required' }).trim().min(1, '--name is required'),
  role: z
    .array(z.enum(ROLES, { message: `--role must be one of ${ROLES.join(', ')}` }))
    .min(1, '--role is required'),
  country: z
    .enum(COUNTRY_CODES as [string, ...string[]], {
      message: `--country must be one of ${COUNTRY_CODES.join(', ')}`,
    })
    .optional(),
  password: z
    .string()
    .optional()
    .refine((p) => p === undefined || !passwordProblem(p), {
      message: '--password is too weak (12+ characters, not a common password)',
    }),
});

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

let parsedArgs;
try {
  parsedArgs = parseArgs({
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string', multiple: true },
      country: { type: 'string' },
      password: { type: 'string' },
    },
  }).values;
} catch (err) {
  fail((err as Error).message);
}
const parsed = argsSchema.safeParse({ ...parsedArgs, role: parsedArgs.role ?? [] });
if (!parsed.success) fail(parsed.error.issues[0].message);
const args = parsed.data;

const config = getConfig();
setLogLevel(process.env.LOG_LEVEL ?? 'warn');
const db = await connectDatabase(config, logger);
try {
  const oneTime = args.password ? undefined : randomBytes(15).toString('base64url');
  const user = await createUser({
    email: args.email,
    name: args.name,
    roles: args.role,
    country: args.country,
    password: args.password ?? oneTime,
    mustChangePassword: !args.password,
  });
  process.stdout.write(`Created ${user.roles.join(', ')} ${user.email} (id ${user.id}).\n`);
  if (oneTime)
    process.stdout.write(
      `One-time password (shown once; must be changed at first sign-in): ${oneTime}\n`,
    );
} catch (err) {
  process.stderr.write(`user:create failed: ${(err as Error).message}\n`);
  process.exitCode = 1;
} finally {
  await db.close();
}
