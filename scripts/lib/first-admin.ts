/**
 * The first user: when the database has no users, `npm start` creates `admin` with a generated password, writes it
 * to <RINGLENS_HOME>/credentials/admin.password (mode 0600, git-ignored) and prints it once.
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AuditLog } from '../../server/audit/service.ts';
import { AuthService } from '../../server/auth/service.ts';
import type { Db } from '../../server/db/database.ts';

export const FIRST_ADMIN = 'admin';

export async function ensureFirstAdmin(db: Db, home: string, log: (l: string) => void): Promise<void> {
  const auth = new AuthService(db);
  if ((await auth.counts()).users > 0) return;
  const { password } = await auth.createUser(FIRST_ADMIN, 'admin');
  const dir = join(home, 'credentials');
  const file = join(dir, 'admin.password');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(file, `${password}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  await new AuditLog(db).record({
    action: 'user.create',
    actor: 'system',
    ip: null,
    objectType: 'user',
    objectId: FIRST_ADMIN,
    details: { role: 'admin', firstRun: true },
  });
  log(
    [
      '',
      `Created the first user: ${FIRST_ADMIN} / ${password}`,
      `  (shown only now; also in ${file}, mode 0600). Change it with \`npm run user -- reset ${FIRST_ADMIN}\`;`,
      '  add people with `npm run user -- add <name> --role viewer|analyst|investigator|admin`.',
      '',
    ].join('\n'),
  );
}
