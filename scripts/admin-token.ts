/**
 * Issues a short-lived admin API token from ADMIN_JWT_SECRET:
 *   npm run admin:token -- --role admin --ttl 1h [--subject maria]
 * Prints what it issued on stderr-free lines first and the token alone on its last line, so
 * `TOKEN=$(npm run -s admin:token -- --role viewer | tail -1)` works.
 */
import { parseArgs } from 'node:util';
import { issueToken, type Role } from '../src/admin/token.js';

function main(): number {
  let values: { role?: string; ttl?: string; subject?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        role: { type: 'string' },
        ttl: { type: 'string' },
        subject: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    console.error(
      `${(err as Error).message}\nUsage: npm run admin:token -- --role viewer|admin [--ttl 1h] [--subject name]`,
    );
    return 2;
  }
  if (values.help) {
    console.log(
      'Usage: npm run admin:token -- --role viewer|admin [--ttl 1h] [--subject name]\nNeeds ADMIN_JWT_SECRET (the ' +
      'same value the server runs with).',
    );
    return 0;
  }
  const secret = process.env.ADMIN_JWT_SECRET?.trim();
  if (!secret) {
    console.error(
      'ADMIN_JWT_SECRET is not set: export the same secret the server runs with (e.g. `openssl rand -hex 32`), ' +
      'then run this again.',
    );
    return 2;
  }
  if (!values.role) {
    console.error('--role is required: viewer (reads) or admin (also takes over, writes and releases conversations).');
    return 2;
  }
  try {
    const ttl = values.ttl ?? '1h';
    const token = issueToken(secret, { role: values.role as Role, ttl, subject: values.subject });
    console.log(
      `# role ${values.role}, valid for ${ttl}; send it as "Authorization: Bearer <token>" or paste it into /admin`,
    );
    console.log(token);
    return 0;
  } catch (err) {
    console.error((err as Error).message);
    return 2;
  }
}

process.exitCode = main();
