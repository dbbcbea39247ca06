// A stick file the kiosk cannot read is refused with UNREADABLE (its words say so), not called
// malformed: in the technician's preview, in the install's answer and in the audit line. A file
// the checks refuse (swapped for a link or a FIFO since it was listed) stays BUNDLE_MALFORMED.
// Tests run as root, so a refused open and an I/O error are made by node:fs answering as the
// system would.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bootKiosk, type BootedKiosk } from '../../main/app/boot.ts';
import { callKiosk, type CallContext } from '../../main/app/dispatch.ts';
import type { AuditLine, TrustInstallResult, TrustPreview } from '../../main/contract/technician.ts';
import { TRUST_REFUSAL_WORDS } from '../../main/contract/words.ts';
import { openStore } from '../../main/core/store/store.ts';
import { VECTORS, VECTORS_NOW } from '../helpers/kiosk.ts';
import { tempDataDir } from '../helpers/store.ts';
import { cleanup, eventually } from '../helpers/sync.ts';

const tmp = tempDataDir('stick-unreadable');
const stick = path.join(tmp, 'stick');
const bundle = fs.readFileSync(path.join(VECTORS, 'bundle.bmettrust'));

function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: refused by the system`), { code });
}

/** What each case does to its file after the stick was listed. */
const CASES: [string, 'UNREADABLE' | 'BUNDLE_MALFORMED', string, (file: string) => void][] = [
  [
    'no permission (EACCES)',
    'UNREADABLE',
    'eacces.bmettrust',
    (file) => {
      const open = fs.openSync;
      vi.spyOn(fs, 'openSync').mockImplementation((p, ...rest) => {
        if (p === file) throw errno('EACCES');
        return open(p, ...rest);
      });
    },
  ],
  [
    'an I/O error (EIO)',
    'UNREADABLE',
    'eio.bmettrust',
    () => {
      vi.spyOn(fs, 'readSync').mockImplementation(() => {
        throw errno('EIO');
      });
    },
  ],
  ['gone since it was listed', 'UNREADABLE', 'gone.bmettrust', (file) => fs.unlinkSync(file)],
  [
    'swapped for a link since it was listed',
    'BUNDLE_MALFORMED',
    'link.bmettrust',
    (file) => {
      fs.renameSync(file, `${file}.moved`);
      fs.symlinkSync(`${file}.moved`, file);
    },
  ],
  [
    'swapped for a FIFO since it was listed',
    'BUNDLE_MALFORMED',
    'fifo.bmettrust',
    (file) => {
      fs.unlinkSync(file);
      execFileSync('mkfifo', [file]);
    },
  ],
];

describe('a stick file that cannot be read', () => {
  let k: BootedKiosk;
  const tech: CallContext = {
    transport: 'loopback',
    sessionId: null,
    setSession: (id) => {
      tech.sessionId = id;
    },
  };

  beforeAll(async () => {
    const dataDir = path.join(tmp, 'data');
    const store = openStore({ dataDir, now: () => Date.parse(VECTORS_NOW) });
    store.people.add({ id: 'TC-7', name: 'Tech', role: 'technician', pin: '246802' }, 'TC-SETUP');
    store.close();
    fs.mkdirSync(stick);
    for (const [, , name] of CASES) fs.writeFileSync(path.join(stick, name), bundle);
    const mountTable = path.join(tmp, 'mountinfo');
    fs.writeFileSync(mountTable, `100 1 8:17 / ${stick} rw,nosuid - vfat /dev/sdb1 rw\n`);
    k = await bootKiosk({
      dataDir,
      roots: { kind: 'command-line', files: [path.join(VECTORS, 'root.pem')] },
      nowMs: Date.parse(VECTORS_NOW),
      noLog: false,
      officer: 'UNSIGNED',
      usb: { mountTable, intervalMs: 50 },
    });
    expect(await eventually(() => k.service.parts.trustSticks()[0]?.files.length === CASES.length)).toBe(
      true,
    );
    await callKiosk(k.service, 'login', [{ id: 'TC-7', pin: '246802' }], tech);
  });

  afterAll(async () => {
    vi.restoreAllMocks();
    await k?.close();
    cleanup(tmp);
  });

  it.each(CASES)('%s: the preview and the install answer %s, audited so', (_why, code, name, make) => {
    const args = [{ mountPoint: stick, relative: name }];
    make(path.join(stick, name));
    try {
      const preview = callKiosk(k.service, 'previewTrustFromStick', args, tech) as {
        ok: true;
        value: TrustPreview;
      };
      expect(preview).toMatchObject({ ok: true, value: { to: null, refusal: { code } } });
      const install = callKiosk(k.service, 'installTrustFromStick', args, tech) as {
        ok: true;
        value: TrustInstallResult;
      };
      expect(install).toMatchObject({ ok: true, value: { outcome: 'refused', code, inForce: false } });
    } finally {
      vi.restoreAllMocks();
    }
    const audit = (callKiosk(k.service, 'auditLog', [{ limit: 1 }], tech) as { value: AuditLine[] }).value;
    expect(audit[0]).toMatchObject({
      action: 'trust.refused',
      actor: 'TC-7',
      detail: { code, source: `usb ${path.join(stick, name)}` },
    });
    // The screens show the code's words, in Bangla first.
    expect(TRUST_REFUSAL_WORDS[code].bn).toMatch(/[\u0980-\u09FF]/);
  });
});
