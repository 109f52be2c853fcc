/**
 * `npm run user -- <command>`: manage RingLens users and API tokens from the shell (same service as the API).
 * Exit codes: 0 done, 1 failed, 2 bad usage, 3 refused (no such user, name taken, last admin, token limit).
 */
import { userInfo } from 'node:os';
import { z } from 'zod';
import { AuditLog, type AuditEventInput } from '../server/audit/service.ts';
import { ROLE_ADDS, ROLES } from '../contracts/roles.ts';
import { Password, Username } from '../contracts/auth.ts';
import { AuthService } from '../server/auth/service.ts';
import { SessionStore } from '../server/auth/sessions.ts';
import { DEFAULT_AUTH_SETTINGS } from '../server/auth/settings.ts';
import { loadConfig } from '../server/config.ts';
import { connect } from '../server/db/connect.ts';
import type { Db } from '../server/db/database.ts';
import { checkOptions, parseOptions, runMain, UsageError } from './lib/cli.ts';

const HELP = `Usage: npm run user -- <command> [options]

Commands:
  list                               users with their role, state and number of usable API tokens
  add <username> --role <role>       create a user; a generated password is printed once
  remove <username>                  delete a user with their sessions and tokens
  reset <username>                   set a new password (printed once) and end the user's sessions
  role <username> <role>             change a user's role (applies to their live sessions at once)
  disable <username>                 stop a user signing in or using tokens (ends their sessions)
  enable <username>                  undo disable
  token <username> [--name <label>] [--days <n>]
                                     issue an API token (default 90 days); printed once, stored only hashed
  token <username> --list            a user's tokens, without secrets
  token <username> --revoke <id>     revoke a token

Options:
  --role <role>        ${ROLES.join(' | ')}
  --password-stdin     add/reset: read the password from the first line of stdin instead of generating one
  --json               machine-readable output
  -h, --help

Roles, each with everything of the ones before it:
${ROLES.map((r) => `  ${r.padEnd(13)}${ROLE_ADDS[r]}`).join('\n')}

Use an API token with \`Authorization: Bearer <token>\`. Changes are recorded in the audit trail as cli:<your login>.
Exit codes: 0 done, 1 failed, 2 bad usage, 3 refused (no such user, name taken, last admin, too many tokens).`;

const Days = z.coerce.number().int().min(1).max(365);
const Args = z.discriminatedUnion('command', [
  z.object({ command: z.literal('list') }),
  z.object({ command: z.literal('add'), username: Username, role: z.enum(ROLES) }),
  z.object({ command: z.enum(['remove', 'reset', 'disable', 'enable']), username: Username }),
  z.object({ command: z.literal('role'), username: Username, role: z.enum(ROLES) }),
  z.object({
    command: z.literal('token'),
    username: Username,
    name: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .regex(/^[^\p{C}]*$/u, 'printable characters only')
      .default('cli'),
    days: Days.default(90),
    list: z.boolean().default(false),
    revoke: z
      .string()
      .regex(/^[0-9a-f]{12}$/, 'a token id of 12 hex digits')
      .optional(),
  }),
]);

async function readStdinLine(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) {
    text += chunk;
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0] ?? '';
}

function parse(argv: string[]) {
  const parsed = parseOptions(
    argv,
    {
      role: { type: 'string' },
      name: { type: 'string' },
      days: { type: 'string' },
      list: { type: 'boolean' },
      revoke: { type: 'string' },
      'password-stdin': { type: 'boolean' },
      json: { type: 'boolean' },
    },
    true,
  );
  const { values, positionals } = parsed;
  if (values.help) return { help: true as const };
  const [command, username, role] = positionals;
  if (!command) throw new UsageError('Give a command: list, add, remove, reset, role, disable, enable or token.');
  const args = checkOptions(
    Args,
    {
      command,
      username,
      role: command === 'role' ? role : values.role,
      name: values.name,
      days: values.days,
      list: values.list,
      revoke: values.revoke,
    },
    '',
  );
  return { help: false as const, args, json: values.json ?? false, passwordStdin: values['password-stdin'] };
}

async function main(argv: string[]): Promise<number> {
  const p = parse(argv);
  if (p.help) {
    console.log(HELP);
    return 0;
  }
  const { args, json } = p;
  let password: string | undefined;
  if (p.passwordStdin) {
    if (args.command !== 'add' && args.command !== 'reset')
      throw new UsageError('--password-stdin is for add and reset.');
    const given = Password.safeParse(await readStdinLine());
    if (!given.success) throw new UsageError(`password: ${given.error.issues[0]?.message}`);
    password = given.data;
  }
  const db = await connect(loadConfig(), (l) => console.error(l));
  try {
    return await run(db, args, json, password);
  } finally {
    await db.close();
  }
}

async function run(db: Db, args: z.infer<typeof Args>, json: boolean, password?: string): Promise<number> {
  const auth = new AuthService(db);
  const sessions = new SessionStore(db, DEFAULT_AUTH_SETTINGS);
  const log = new AuditLog(db);
  const actor = `cli:${userInfo().username}`;
  const audit = (e: AuditEventInput) => log.record({ ...e, actor, ip: null });
  const out = (value: unknown, text: string) => console.log(json ? JSON.stringify(value) : text);

  switch (args.command) {
    case 'list': {
      const users = await auth.listUsers();
      out(
        users,
        users.length === 0
          ? 'No users yet (npm start creates the first admin).'
          : users
              .map(
                (u) =>
                  `${u.username.padEnd(24)} ${u.role.padEnd(13)} ${u.disabled ? 'disabled' : 'enabled '}  ${u.tokens} token(s)`,
              )
              .join('\n'),
      );
      return 0;
    }
    case 'add': {
      const r = await auth.createUser(args.username, args.role, password);
      await audit({ action: 'user.create', objectType: 'user', objectId: args.username, details: { role: args.role } });
      out(
        { username: args.username, role: args.role, ...(password ? {} : { password: r.password }) },
        password
          ? `Created ${args.role} ${args.username}.`
          : `Created ${args.role} ${args.username} with password:\n\n  ${r.password}\n\nIt is shown only this once.`,
      );
      return 0;
    }
    case 'remove':
      await auth.removeUser(args.username);
      await audit({ action: 'user.remove', objectType: 'user', objectId: args.username });
      out({ removed: args.username }, `Removed ${args.username}, their sessions and tokens.`);
      return 0;
    case 'reset': {
      const r = await auth.resetPassword(args.username, password);
      await sessions.destroyUserSessions(args.username);
      await audit({
        action: 'user.password.reset',
        objectType: 'user',
        objectId: args.username,
        details: { revokedTokens: r.revokedTokens },
      });
      const ended = `their sessions ended, ${r.revokedTokens} API token(s) revoked`;
      out(
        { username: args.username, revokedTokens: r.revokedTokens, ...(password ? {} : { password: r.password }) },
        password
          ? `Password of ${args.username} changed; ${ended}.`
          : `New password of ${args.username} (${ended}):\n\n  ${r.password}\n\nIt is shown only this once.`,
      );
      return 0;
    }
    case 'role':
    case 'disable':
    case 'enable': {
      const before = await auth.getUser(args.username);
      const change = args.command === 'role' ? { role: args.role } : { disabled: args.command === 'disable' };
      const after = await auth.updateUser(args.username, change);
      if (after.disabled) await sessions.destroyUserSessions(args.username);
      await audit({
        action: 'user.update',
        objectType: 'user',
        objectId: args.username,
        details: {
          from: { role: before.role, disabled: before.disabled },
          to: { role: after.role, disabled: after.disabled },
        },
      });
      out(after, `${after.username}: ${after.role}, ${after.disabled ? 'disabled' : 'enabled'}.`);
      return 0;
    }
    case 'token': {
      if (args.list) {
        await auth.getUser(args.username);
        const tokens = await auth.listTokens(args.username);
        out(
          tokens,
          tokens.length === 0
            ? `${args.username} has no API tokens.`
            : tokens
                .map(
                  (t) =>
                    `${t.id}  ${t.name.padEnd(20)} created ${t.createdAt.slice(0, 10)}  ${
                      t.revokedAt
                        ? `revoked ${t.revokedAt.slice(0, 10)}`
                        : `expires ${t.expiresAt?.slice(0, 10) ?? 'never'}`
                    }  last used ${t.lastUsedAt?.slice(0, 19) ?? 'never'}`,
                )
                .join('\n'),
        );
        return 0;
      }
      if (args.revoke) {
        await auth.revokeToken(args.username, args.revoke);
        await audit({ action: 'auth.token.revoke', objectType: 'token', objectId: args.revoke });
        out({ revoked: args.revoke }, `Revoked token ${args.revoke} of ${args.username}.`);
        return 0;
      }
      const t = await auth.createToken(args.username, args.name, args.days);
      await audit({
        action: 'auth.token.create',
        objectType: 'token',
        objectId: t.id,
        details: { name: t.name, for: args.username },
      });
      out(
        t,
        `API token ${t.id} for ${args.username} (expires ${t.expiresAt?.slice(0, 10)}):\n\n  ${t.token}\n\nIt is shown only this once; send it as \`Authorization: Bearer <token>\`.`,
      );
      return 0;
    }
  }
}

runMain(() => main(process.argv.slice(2)), { failed: 'Failed', exitCodes: [1, 2, 3] });
