/** `readDebianPackages`: tools/debian-packages.txt, the one list of Debian packages the tests and the kiosk drive (tools/test-setup.mjs installs from it). */
import fs from 'node:fs';

export interface DebianNeed {
  pkg: string;
  /** A program (absolute path) the package installs: present means installed. */
  program: string;
  who: string;
  why: string;
  /** A kiosk machine needs it too (its `who` names the kiosk or the appliance), not only the tests. */
  kiosk: boolean;
}

/** One entry a line; a package may have several lines (one per program). */
export function readDebianPackages(
  file: URL | string = new URL('./debian-packages.txt', import.meta.url),
): DebianNeed[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('#'))
    .map((line) => {
      const m = /^(\S+)\s+(\S+)\s+([^:]+):\s*(.*)$/.exec(line.trim());
      if (!m) throw new Error(`tools/debian-packages.txt: cannot read the line '${line}'`);
      const [, pkg, program, who, why] = m as unknown as [string, string, string, string, string];
      return { pkg, program, who: who.trim(), why, kiosk: /\b(kiosk|appliance)\b/.test(who) };
    });
}
