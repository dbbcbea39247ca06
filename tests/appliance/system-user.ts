/**
 * The appliance tests' system user: `bmet-kiosk`, made as the package's postinst makes it
 * (a system user with its own group), so the udev rules' GROUP resolves and cage (which
 * refuses root) runs as it. Made only when the tests run as root; otherwise they say why.
 */
import { spawnSync } from 'node:child_process';

export const KIOSK_USER = 'bmet-kiosk';

export type UserLookup = { ok: true; uid: number; gid: number } | { ok: false; why: string };

function lookup(): UserLookup | null {
  const r = spawnSync('id', ['-u', KIOSK_USER], { encoding: 'utf8' });
  const g = spawnSync('id', ['-g', KIOSK_USER], { encoding: 'utf8' });
  if (r.status !== 0 || g.status !== 0) return null;
  return { ok: true, uid: Number(r.stdout.trim()), gid: Number(g.stdout.trim()) };
}

export function ensureKioskUser(): UserLookup {
  const found = lookup();
  if (found) return found;
  if (process.getuid?.() !== 0)
    return { ok: false, why: `no ${KIOSK_USER} user, and only root can add one (run the tests as root)` };
  const r = spawnSync(
    'useradd',
    ['--system', '--user-group', '--home-dir', '/nonexistent', '--shell', '/usr/sbin/nologin', KIOSK_USER],
    { encoding: 'utf8' },
  );
  // Two test files may race to add it: the loser's useradd fails with "already exists".
  return lookup() ?? { ok: false, why: `useradd ${KIOSK_USER} failed: ${r.stderr.trim()}` };
}
