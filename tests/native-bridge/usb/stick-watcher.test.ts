// USB trust sticks: a drive appearing in a watched mount table (an injected mountinfo file,
// and, as root, a real tmpfs mount seen in /proc/self/mountinfo) gives one trust-stick
// event listing only the regular, bounded .bmettrust files at its root or in bmet/.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { StickEvent, TrustStickEvent } from '../../../main/contract/bridge-events.ts';
import { isRemovableMount, parseMountInfo } from '../../../native-bridge/usb/mount-table.ts';
import {
  driveLetterDrives,
  mountTableDrives,
  parseDriveTypes,
  StickWatcher,
} from '../../../native-bridge/usb/stick-watcher.ts';
import { findTrustFiles, readTrustFile } from '../../../native-bridge/usb/trust-files.ts';
import { EventLog } from '../../helpers/pty.ts';
import { canMountTmpfs } from '../../helpers/tmpfs.ts';

const BUNDLE = path.resolve(import.meta.dirname, '../../../../shared/vectors/bundle.bmettrust');
const tmp = (p: string) => fs.mkdtempSync(path.join(os.tmpdir(), p));
const limits = { maxBytes: 64 * 1024, maxEntries: 1000 };

/** A stick's contents: good files, and everything that must not be offered. */
function fillStick(root: string, outside: string): void {
  fs.mkdirSync(path.join(root, 'bmet'));
  fs.copyFileSync(BUNDLE, path.join(root, 'bmet', 'v7.bmettrust'));
  fs.copyFileSync(BUNDLE, path.join(root, 'ROOT.BMETTRUST'));
  fs.writeFileSync(path.join(root, 'notes.txt'), 'not a bundle');
  fs.writeFileSync(path.join(outside, 'secret.bmettrust'), 'kiosk file');
  fs.symlinkSync(path.join(outside, 'secret.bmettrust'), path.join(root, 'link.bmettrust'));
  fs.mkdirSync(path.join(root, 'folder.bmettrust'));
  execFileSync('mkfifo', [path.join(root, 'bmet', 'pipe.bmettrust')]);
  fs.writeFileSync(path.join(root, 'bmet', 'huge.bmettrust'), Buffer.alloc(limits.maxBytes + 1));
  fs.mkdirSync(path.join(root, 'deep'));
  fs.copyFileSync(BUNDLE, path.join(root, 'deep', 'ignored.bmettrust')); // only the root and bmet/ are looked at
}

const expectedScan = {
  files: [
    { relative: 'ROOT.BMETTRUST', size: fs.statSync(BUNDLE).size },
    { relative: 'bmet/v7.bmettrust', size: fs.statSync(BUNDLE).size },
  ],
  skipped: [
    { relative: 'bmet/huge.bmettrust', why: 'too-large' },
    { relative: 'bmet/pipe.bmettrust', why: 'not-regular' },
    { relative: 'folder.bmettrust', why: 'not-regular' },
    { relative: 'link.bmettrust', why: 'link' },
  ],
};
const shape = (e: TrustStickEvent) => ({
  files: e.files.map(({ relative, size }) => ({ relative, size })),
  skipped: e.skipped,
});

const MOUNTINFO_BASE = [
  '22 1 0:21 / / rw,relatime shared:1 - overlay overlay rw',
  '23 22 0:22 / /proc rw,nosuid,nodev,noexec,relatime shared:2 - proc proc rw',
].join('\n');
const line = (id: number, mountPoint: string, source = '/dev/sdb1') =>
  `${id} 22 8:17 / ${mountPoint.replace(/ /g, '\\040')} rw,nosuid,nodev,relatime shared:9 - vfat ${source} rw,fmask=0022`;

describe('mount table', () => {
  it('parses mountinfo lines, escaped mount points included, and skips junk', () => {
    const m = parseMountInfo(`${MOUNTINFO_BASE}\n${line(40, '/media/kiosk/MY STICK')}\ngarbage line\n`);
    expect(m.map((e) => e.mountPoint)).toEqual(['/', '/proc', '/media/kiosk/MY STICK']);
    expect(m[2]).toEqual({
      devno: '8:17',
      mountPoint: '/media/kiosk/MY STICK',
      fstype: 'vfat',
      source: '/dev/sdb1',
    });
  });

  it('asks sysfs whether a device is removable (a fake /sys/dev/block here)', () => {
    const sys = tmp('bmet-sys-');
    fs.mkdirSync(path.join(sys, 'devices/sdb/sdb1'), { recursive: true });
    fs.writeFileSync(path.join(sys, 'devices/sdb/removable'), '1\n');
    fs.mkdirSync(path.join(sys, 'devices/sda/sda1'), { recursive: true });
    fs.writeFileSync(path.join(sys, 'devices/sda/removable'), '0\n');
    fs.mkdirSync(path.join(sys, 'block'));
    fs.symlinkSync(path.join(sys, 'devices/sdb/sdb1'), path.join(sys, 'block/8:17'));
    fs.symlinkSync(path.join(sys, 'devices/sda/sda1'), path.join(sys, 'block/8:1'));
    const stick = { devno: '8:17', mountPoint: '/media/s', fstype: 'vfat', source: '/dev/sdb1' };
    expect(isRemovableMount(stick, path.join(sys, 'block'))).toBe(true);
    expect(isRemovableMount({ ...stick, devno: '8:1', source: '/dev/sda1' }, path.join(sys, 'block'))).toBe(
      false,
    );
    expect(isRemovableMount({ ...stick, fstype: 'tmpfs', source: 'tmpfs' }, path.join(sys, 'block'))).toBe(
      false,
    );
  });
});

describe('findTrustFiles / readTrustFile', () => {
  it('offers regular, bounded files at the root and in bmet/ only; never links, folders, FIFOs, big files', () => {
    const stick = tmp('bmet-stick-');
    fillStick(stick, tmp('bmet-outside-'));
    expect(findTrustFiles(stick, limits)).toMatchObject(expectedScan);
    const found = findTrustFiles(stick, limits).files[1]!;
    expect(readTrustFile(found, stick, limits).equals(fs.readFileSync(BUNDLE))).toBe(true);
  });

  it('does not follow a bmet/ that is a link off the stick, and says so', () => {
    const stick = tmp('bmet-stick-');
    const outside = tmp('bmet-outside-');
    fs.copyFileSync(BUNDLE, path.join(outside, 'kiosk.bmettrust'));
    fs.symlinkSync(outside, path.join(stick, 'bmet'));
    expect(findTrustFiles(stick, limits)).toEqual({
      files: [],
      skipped: [{ relative: 'bmet', why: 'folder-link' }],
    });
  });

  it("refuses a bmet/ swapped for a link after listing, even to a folder whose path starts like the stick's", () => {
    // /tmp/x/stick and /tmp/x/stick-kiosk: a string-prefix check takes the second for part of the first.
    const base = tmp('bmet-prefix-');
    const stick = path.join(base, 'stick');
    const outside = path.join(base, 'stick-kiosk');
    fs.mkdirSync(stick);
    fs.mkdirSync(path.join(outside, 'bmet'), { recursive: true });
    fs.mkdirSync(path.join(stick, 'bmet'));
    fs.copyFileSync(BUNDLE, path.join(stick, 'bmet', 'v7.bmettrust'));
    fs.writeFileSync(path.join(outside, 'bmet', 'v7.bmettrust'), 'a kiosk file');
    const found = findTrustFiles(stick, limits).files;
    expect(found.map((f) => f.relative)).toEqual(['bmet/v7.bmettrust']);
    // The swap, between the listing and the technician's install.
    fs.renameSync(path.join(stick, 'bmet'), path.join(stick, 'bmet-listed'));
    fs.symlinkSync(path.join(outside, 'bmet'), path.join(stick, 'bmet'));
    expect(() => readTrustFile(found[0]!, stick, limits)).toThrow(/bmet\/ is a link/);
    // Put back, it reads again: the refusal was about the link, not the file.
    fs.unlinkSync(path.join(stick, 'bmet'));
    fs.renameSync(path.join(stick, 'bmet-listed'), path.join(stick, 'bmet'));
    expect(readTrustFile(found[0]!, stick, limits).equals(fs.readFileSync(BUNDLE))).toBe(true);
  });

  it('refuses a file that became a link or a FIFO after it was listed', () => {
    const stick = tmp('bmet-stick-');
    const outside = tmp('bmet-outside-');
    fs.copyFileSync(BUNDLE, path.join(stick, 'a.bmettrust'));
    fs.copyFileSync(BUNDLE, path.join(stick, 'b.bmettrust'));
    fs.writeFileSync(path.join(outside, 'kiosk.bmettrust'), 'a kiosk file');
    const [a, b] = findTrustFiles(stick, limits).files;
    fs.rmSync(a!.path);
    fs.symlinkSync(path.join(outside, 'kiosk.bmettrust'), a!.path);
    expect(() => readTrustFile(a!, stick, limits)).toThrow(/ELOOP/);
    fs.rmSync(b!.path);
    execFileSync('mkfifo', [b!.path]);
    expect(() => readTrustFile(b!, stick, limits)).toThrow(/not a regular file/);
  });

  describe('a bmet/ folder that cannot be listed', () => {
    afterEach(() => vi.restoreAllMocks());
    const errno = (code: string) => Object.assign(new Error(`${code}: refused by the system`), { code });
    // Tests run as root, which lists any folder: node:fs answers for the system here.
    it.each([
      [
        'no permission to open it (EACCES)',
        (bmet: string) => {
          const open = fs.opendirSync;
          vi.spyOn(fs, 'opendirSync').mockImplementation((p, ...rest) => {
            if (p === bmet) throw errno('EACCES');
            return open(p, ...rest);
          });
        },
      ],
      [
        'an I/O error while listing it (EIO)',
        (bmet: string) => {
          const read = fs.Dir.prototype.readSync;
          vi.spyOn(fs.Dir.prototype, 'readSync').mockImplementation(function (this: fs.Dir) {
            if (this.path === bmet) throw errno('EIO');
            return read.call(this);
          });
        },
      ],
    ])('%s: skipped with its reason, the files at the root still offered', (_why, make) => {
      const stick = tmp('bmet-stick-');
      fillStick(stick, tmp('bmet-outside-'));
      make(path.join(stick, 'bmet'));
      const scan = findTrustFiles(stick, limits);
      expect(scan.files.map((f) => f.relative)).toEqual(['ROOT.BMETTRUST']);
      expect(scan.skipped).toEqual([
        { relative: 'bmet', why: 'unreadable' },
        { relative: 'folder.bmettrust', why: 'not-regular' },
        { relative: 'link.bmettrust', why: 'link' },
      ]);
    });

    it.skipIf(process.getuid?.() === 0)(
      'a folder without permissions, as a user that is not root (a real EACCES)',
      () => {
        const stick = tmp('bmet-stick-');
        fillStick(stick, tmp('bmet-outside-'));
        fs.chmodSync(path.join(stick, 'bmet'), 0o000);
        try {
          const scan = findTrustFiles(stick, limits);
          expect(scan.files.map((f) => f.relative)).toEqual(['ROOT.BMETTRUST']);
          expect(scan.skipped).toContainEqual({ relative: 'bmet', why: 'unreadable' });
        } finally {
          fs.chmodSync(path.join(stick, 'bmet'), 0o755);
        }
      },
    );

    it('a stick whose root cannot be listed is still an error for the stick', () => {
      const stick = tmp('bmet-stick-');
      const open = fs.opendirSync;
      vi.spyOn(fs, 'opendirSync').mockImplementation((p, ...rest) => {
        if (p === stick) throw errno('EIO');
        return open(p, ...rest);
      });
      expect(() => findTrustFiles(stick, limits)).toThrow(/EIO/);
    });
  });

  it('looks at a bounded number of entries per folder, and says which folder it listed in part', () => {
    const stick = tmp('bmet-stick-');
    for (let i = 0; i < 50; i++) fs.writeFileSync(path.join(stick, `f${i}.bmettrust`), 'x');
    const scan = findTrustFiles(stick, { maxBytes: 10, maxEntries: 20 });
    expect(scan.files.length).toBe(20);
    expect(scan.skipped).toEqual([{ relative: '.', why: 'too-many-entries' }]);
  });
});

describe('StickWatcher with an injected mount table', () => {
  it('emits trust-stick when a removable mount appears and stick-removed when it goes', async () => {
    const stick = tmp('bmet-stick-');
    fillStick(stick, tmp('bmet-outside-'));
    const table = path.join(tmp('bmet-mounts-'), 'mountinfo');
    fs.writeFileSync(table, MOUNTINFO_BASE + '\n');
    const w = new StickWatcher({
      intervalMs: 20,
      limits,
      listDrives: mountTableDrives(table, (m) => m.mountPoint.startsWith(os.tmpdir())),
    });
    const log = new EventLog<StickEvent>();
    w.on(log.push);
    w.start();
    try {
      fs.writeFileSync(table, `${MOUNTINFO_BASE}\n${line(41, stick)}\n`);
      const e = (await log.waitFor((x) => x.type === 'trust-stick')) as TrustStickEvent;
      expect(e).toMatchObject({ mountPoint: stick, device: '/dev/sdb1' });
      expect(shape(e)).toEqual(expectedScan);
      fs.writeFileSync(table, MOUNTINFO_BASE + '\n');
      expect(await log.waitFor((x) => x.type === 'stick-removed')).toMatchObject({ mountPoint: stick });
      expect(log.count((x) => x.type === 'trust-stick')).toBe(1); // once per insertion, not per poll
    } finally {
      w.stop();
    }
  });

  it('reports an unreadable mount table once, and keeps watching', () => {
    const w = new StickWatcher({ listDrives: mountTableDrives('/nonexistent/mountinfo') });
    const log = new EventLog<StickEvent>();
    w.on(log.push);
    w.poll();
    w.poll();
    expect(log.all).toEqual([expect.objectContaining({ type: 'error', code: 'STICK_UNREADABLE' })]);
  });

  it('on Windows, a removable drive letter is a stick once Windows says so, never a fixed one', async () => {
    const stick = tmp('bmet-stick-');
    fs.copyFileSync(BUNDLE, path.join(stick, 'v7.bmettrust'));
    const letters = new Set(['D:\\']);
    let answered = (): void => undefined;
    const answer = () => new Promise<void>((resolve) => (answered = resolve));
    // What PowerShell prints (DeviceID DriveType): D: a fixed disk there from the start, E: the stick.
    let w: StickWatcher | null = null;
    const list = driveLetterDrives({
      exists: (p) => letters.has(p),
      driveTypes: async () => 'C: 3\r\nD: 3\r\nE: 2\r\n',
      onAnswer: () => (w?.poll(), answered()),
    });
    w = new StickWatcher({
      listDrives: () => list().map((d) => (d.device === 'E:' ? { ...d, mountPoint: stick } : d)),
    });
    const log = new EventLog<StickEvent>();
    w.on(log.push);
    let next = answer();
    w.poll();
    await next;
    expect(log.all).toEqual([]); // D: is a fixed disk
    letters.add('E:\\');
    next = answer();
    w.poll();
    expect(log.all).toEqual([]); // not offered before Windows says what E: is
    await next; // the answer makes the watcher look again at once
    expect(log.all).toEqual([
      expect.objectContaining({
        type: 'trust-stick',
        device: 'E:',
        files: [expect.objectContaining({ relative: 'v7.bmettrust' })],
      }),
    ]);
  });
});

// A real mount (tmpfs) appearing in the real /proc/self/mountinfo: needs root and a kernel that lets us mount.
describe.skipIf(!canMountTmpfs)('StickWatcher with a real tmpfs mount (root)', () => {
  const mountPoint = tmp('bmet-realstick-');
  let mounted = false;
  afterAll(() => {
    if (mounted) spawnSync('umount', [mountPoint]);
  });

  it('sees the mount appear in /proc/self/mountinfo and the files on it; and sees it go', async () => {
    const w = new StickWatcher({
      intervalMs: 50,
      limits,
      listDrives: mountTableDrives('/proc/self/mountinfo', (m) => m.mountPoint === mountPoint),
    });
    const log = new EventLog<StickEvent>();
    w.on(log.push);
    w.start();
    try {
      // The stick is filled on a staging tmpfs, then moved onto the mount point in one step,
      // so the watcher never sees it mounted half-written.
      const staging = tmp('bmet-staging-');
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'bmetstick', staging]);
      fillStick(staging, tmp('bmet-outside-'));
      execFileSync('mount', ['--move', staging, mountPoint]);
      mounted = true;
      const e = (await log.waitFor((x) => x.type === 'trust-stick')) as TrustStickEvent;
      expect(e).toMatchObject({ mountPoint, device: 'bmetstick' });
      expect(shape(e)).toEqual(expectedScan);
      execFileSync('umount', [mountPoint]);
      mounted = false;
      expect(await log.waitFor((x) => x.type === 'stick-removed')).toMatchObject({ mountPoint });
    } finally {
      w.stop();
    }
  });
});

describe.skipIf(!canMountTmpfs)('readTrustFile across real devices (root: two tmpfs mounts)', () => {
  const mounted: string[] = [];
  const mountTmpfs = (dir: string) => {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'bmettest', dir]);
    mounted.push(dir);
  };
  afterAll(() => {
    for (const m of mounted.reverse()) spawnSync('umount', [m]);
  });

  it('a bmet/ swapped for a link to another device after the checks, before the open, is refused on the descriptor (st_dev)', () => {
    const base = tmp('bmet-devices-');
    const stick = path.join(base, 'stick');
    const other = path.join(base, 'stick-kiosk'); // another file system, at a path starting like the stick's
    fs.mkdirSync(stick);
    fs.mkdirSync(other);
    mountTmpfs(stick);
    mountTmpfs(other);
    fs.mkdirSync(path.join(stick, 'bmet'));
    fs.copyFileSync(BUNDLE, path.join(stick, 'bmet', 'v7.bmettrust'));
    fs.mkdirSync(path.join(other, 'bmet'));
    fs.writeFileSync(path.join(other, 'bmet', 'v7.bmettrust'), 'a kiosk file');
    const [found] = findTrustFiles(stick, limits).files;
    expect(readTrustFile(found!, stick, limits).equals(fs.readFileSync(BUNDLE))).toBe(true);
    // The swap lands in the window between the folder checks and the open: only the descriptor can tell.
    const swap = () => {
      fs.renameSync(path.join(stick, 'bmet'), path.join(stick, 'bmet-listed'));
      fs.symlinkSync(path.join(other, 'bmet'), path.join(stick, 'bmet'));
    };
    expect(() => readTrustFile(found!, stick, limits, { beforeOpen: swap })).toThrow(
      /not on the stick \(another device\)/,
    );
  });
});

describe('Windows drive letters: only removable drives are sticks', () => {
  // Canned `Get-CimInstance Win32_LogicalDisk` output: C: fixed, D: CD, E: USB stick, F: USB hard disk (fixed), Z: network.
  const CANNED = 'C: 3\r\nD: 5\r\nE: 2\r\nF: 3\r\nZ: 4\r\n';

  it('reads the drive types PowerShell prints, skipping other lines', () => {
    expect(parseDriveTypes('\r\nC: 3\r\ne: 2\r\nWARNING: something\r\n')).toEqual(
      new Map([
        ['C:', 3],
        ['E:', 2],
      ]),
    );
  });

  /** A lister over `letters` whose Windows answers come when the test says; counts the questions. */
  function lister(letters: Set<string>, say: () => Promise<string>, o: { now?: () => number } = {}) {
    let asked = 0;
    let answered = (): void => undefined;
    const list = driveLetterDrives({
      exists: (p) => letters.has(p),
      driveTypes: () => (asked++, say()),
      onAnswer: () => answered(),
      retryMs: 30_000,
      ...o,
    });
    /** Looks once, then waits for the answer to the question that look asked. */
    const lookAndWait = async () => {
      const done = new Promise<void>((resolve) => (answered = resolve));
      const first = list();
      await done;
      return first;
    };
    return { list, lookAndWait, asked: () => asked };
  }

  it('offers the removable drive and never a fixed, CD or network drive', async () => {
    const l = lister(new Set(['C:\\', 'D:\\', 'E:\\', 'F:\\', 'Z:\\']), async () => CANNED);
    expect(await l.lookAndWait()).toEqual([]); // nothing is offered before Windows answers
    expect(l.list()).toEqual([{ mountPoint: 'E:\\', device: 'E:' }]);
  });

  it('asks Windows only when a letter appears, one question at a time, without waiting for it', async () => {
    const letters = new Set(['D:\\']); // the CD drive
    let release = (_: string): void => undefined;
    const l = lister(letters, () => new Promise<string>((resolve) => (release = resolve)));
    const answered = l.lookAndWait();
    expect(l.list()).toEqual([]); // the question is still out: looks go on, no second question
    expect(l.asked()).toBe(1);
    release(CANNED);
    await answered;
    expect(l.list()).toEqual([]);
    expect(l.asked()).toBe(1);
    letters.add('E:\\');
    const second = l.lookAndWait();
    letters.add('F:\\'); // comes while the question about E: is out: asked about next
    expect(l.list()).toEqual([]);
    release(CANNED);
    await second;
    expect(l.list()).toEqual([{ mountPoint: 'E:\\', device: 'E:' }]); // and F: is asked about now
    expect(l.asked()).toBe(3);
    release(CANNED);
    letters.delete('E:\\');
    expect(l.list()).toEqual([]);
  });

  it('an answer is only for the drives asked about: not for a letter gone and back meanwhile', async () => {
    const letters = new Set(['E:\\']);
    let release = (_: string): void => undefined;
    const l = lister(letters, () => new Promise<string>((resolve) => (release = resolve)));
    const answered = l.lookAndWait(); // asks about E: (a fixed disk, say)
    letters.delete('E:\\');
    expect(l.list()).toEqual([]);
    letters.add('E:\\'); // another drive under the same letter, a stick this time
    expect(l.list()).toEqual([]);
    release('E: 3'); // the first drive's answer
    await answered;
    const again = l.lookAndWait(); // the new E: is asked about, not taken for fixed
    expect(l.asked()).toBe(2);
    release('E: 2');
    await again;
    expect(l.list()).toEqual([{ mountPoint: 'E:\\', device: 'E:' }]);
  });

  it('a letter Windows does not list stays unknown and is asked about again after a while', async () => {
    let now = 0;
    let text = 'C: 3\r\n';
    const l = lister(new Set(['E:\\']), async () => text, { now: () => now });
    expect(await l.lookAndWait()).toEqual([]);
    expect(l.list()).toEqual([]);
    expect(l.asked()).toBe(1);
    now += 30_000;
    text = CANNED;
    const again = l.lookAndWait();
    expect(l.asked()).toBe(2); // asked again (not waited on for ever when it is not)
    expect(await again).toEqual([]);
    expect(l.list()).toEqual([{ mountPoint: 'E:\\', device: 'E:' }]);
  });

  it('a letter Windows leaves out does not hold up a stick that comes after it', async () => {
    const now = 0;
    const letters = new Set(['E:\\']);
    const l = lister(letters, async () => 'C: 3\r\nF: 2\r\n', { now: () => now });
    expect(await l.lookAndWait()).toEqual([]); // E: not listed: asked about again in 30 s
    letters.add('F:\\');
    const forF = l.lookAndWait();
    expect(l.asked()).toBe(2); // F: at once, without E:
    expect(await forF).toEqual([]);
    expect(l.list()).toEqual([{ mountPoint: 'F:\\', device: 'F:' }]);
    expect(l.asked()).toBe(2);
  });

  it('when Windows cannot say, reports it, offers no drive, and asks again after a while', async () => {
    const letters = new Set(['E:\\']);
    let now = 0;
    let fails = true;
    const l = lister(
      letters,
      async () => {
        if (fails) throw new Error('powershell.exe not found');
        return CANNED;
      },
      { now: () => now },
    );
    expect(await l.lookAndWait()).toEqual([]);
    expect(() => l.list()).toThrow('powershell.exe not found'); // once, for the watcher to report
    expect(l.list()).toEqual([]);
    now += 29_999;
    expect(l.list()).toEqual([]);
    expect(l.asked()).toBe(1);
    now += 1;
    fails = false;
    expect(await l.lookAndWait()).toEqual([]);
    expect(l.asked()).toBe(2);
    expect(l.list()).toEqual([{ mountPoint: 'E:\\', device: 'E:' }]);
  });

  it('the watcher reports a failed question once, as STICK_UNREADABLE', async () => {
    let answered = (): void => undefined;
    const done = new Promise<void>((resolve) => (answered = resolve));
    let w: StickWatcher | null = null;
    w = new StickWatcher({
      listDrives: driveLetterDrives({
        exists: (p) => p === 'E:\\',
        driveTypes: () => Promise.reject(new Error('powershell.exe not found')),
        onAnswer: () => (w?.poll(), answered()),
      }),
    });
    const log = new EventLog<StickEvent>();
    w.on(log.push);
    w.poll();
    await done;
    w.poll();
    w.poll();
    expect(log.all).toEqual([
      expect.objectContaining({
        type: 'error',
        code: 'STICK_UNREADABLE',
        message: 'powershell.exe not found',
      }),
    ]);
  });
});
