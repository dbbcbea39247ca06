// What a stick does not offer is said, with why, never left off in silence: a folder with more
// entries than the kiosk looks through (which folder), a file name that is not UTF-8, and a bmet/
// that is not looked into (a link, not a folder, on another device). Real folders on disk; each case
// builds a stick and states the scan it must give, from the order the file system lists it in.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_TRUST_LIMITS,
  findTrustFiles,
  readTrustFile,
  type TrustScan,
  type TrustScanLimits,
} from '../../../native-bridge/usb/trust-files.ts';
import { canMountTmpfs } from '../../helpers/tmpfs.ts';
import { SKIP_WORDS } from '../../../main/contract/words.ts';

const BUNDLE = path.resolve(import.meta.dirname, '../../../../shared/vectors/bundle.bmettrust');
const tmp = (p: string) => fs.mkdtempSync(path.join(os.tmpdir(), p));
const SMALL: TrustScanLimits = { maxBytes: 64 * 1024, maxEntries: 1000 };

/** A folder's names in the order the file system lists them: the scan reads the first ones. */
function listingOrder(dir: string): string[] {
  const names: string[] = [];
  const d = fs.opendirSync(dir);
  try {
    for (let e = d.readSync(); e; e = d.readSync()) names.push(e.name);
  } finally {
    d.closeSync();
  }
  return names;
}

/** The trust files among the first `n` entries the file system lists in `dir` (relative to the stick). */
function firstTrustFiles(dir: string, n: number, prefix = ''): string[] {
  return listingOrder(dir)
    .slice(0, n)
    .filter((name) => name.endsWith('.bmettrust'))
    .map((name) => prefix + name);
}

function fill(dir: string, count: number): void {
  for (let i = 0; i < count; i++) fs.writeFileSync(path.join(dir, `f${i}`), '');
}

/** A name made of bytes (not every byte string is UTF-8: the kernel takes any but '/' and NUL). */
const bytesName = (dir: string, bytes: number[], tail: string) =>
  Buffer.concat([Buffer.from(`${dir}/`), Buffer.from(bytes), Buffer.from(tail)]);

interface Expected {
  files: string[];
  skipped: TrustScan['skipped'];
  /** Limits set from the stick's listing order, instead of the case's. */
  limits?: TrustScanLimits;
}

interface Case {
  name: string;
  limits: TrustScanLimits;
  /** Fills the stick; `outside` is a folder of the kiosk's, not on the stick. Returns what must be found. */
  build(stick: string, outside: string): Expected;
}

const CASES: Case[] = [
  {
    // The review's stick. Where bmet/ lands depends on the file system's order (past the 5,000th
    // entry on this ext4, first on another); the next case cuts right before it on any.
    name: 'a root of 6,000 entries with bmet/ among them: the root is said to be listed in part, bmet/ still looked into',
    limits: DEFAULT_TRUST_LIMITS,
    build(stick) {
      fs.mkdirSync(path.join(stick, 'bmet'));
      fs.copyFileSync(BUNDLE, path.join(stick, 'bmet', 'v13.bmettrust'));
      fs.copyFileSync(BUNDLE, path.join(stick, 'zz-root.bmettrust'));
      fill(stick, 6000);
      return {
        files: [...firstTrustFiles(stick, 5000), 'bmet/v13.bmettrust'],
        skipped: [{ relative: '.', why: 'too-many-entries' }],
      };
    },
  },
  {
    name: 'a root cut just before bmet/: bmet/ is looked up by its name',
    limits: SMALL,
    build(stick) {
      fs.mkdirSync(path.join(stick, 'bmet'));
      fs.copyFileSync(BUNDLE, path.join(stick, 'bmet', 'v13.bmettrust'));
      fs.copyFileSync(BUNDLE, path.join(stick, 'a.bmettrust'));
      fill(stick, 40);
      const cut = listingOrder(stick).indexOf('bmet');
      return {
        files: [...firstTrustFiles(stick, cut), 'bmet/v13.bmettrust'],
        skipped: [{ relative: '.', why: 'too-many-entries' }],
        limits: { ...SMALL, maxEntries: cut },
      };
    },
  },
  {
    name: "a bmet/ of 5,001 entries: bmet is said to be listed in part, the root's files still offered",
    limits: DEFAULT_TRUST_LIMITS,
    build(stick) {
      const bmet = path.join(stick, 'bmet');
      fs.mkdirSync(bmet);
      fs.copyFileSync(BUNDLE, path.join(stick, 'ROOT.bmettrust'));
      fs.copyFileSync(BUNDLE, path.join(bmet, 'v7.bmettrust'));
      fill(bmet, 5000);
      return {
        files: ['ROOT.bmettrust', ...firstTrustFiles(bmet, 5000, 'bmet/')],
        skipped: [{ relative: 'bmet', why: 'too-many-entries' }],
      };
    },
  },
  {
    name: 'exactly 5,000 entries at the root and in bmet/: every one looked at, nothing said',
    limits: DEFAULT_TRUST_LIMITS,
    build(stick) {
      const bmet = path.join(stick, 'bmet');
      fs.mkdirSync(bmet);
      fs.copyFileSync(BUNDLE, path.join(stick, 'ROOT.bmettrust'));
      fs.copyFileSync(BUNDLE, path.join(bmet, 'v7.bmettrust'));
      fill(stick, 4998);
      fill(bmet, 4999);
      return { files: ['ROOT.bmettrust', 'bmet/v7.bmettrust'], skipped: [] };
    },
  },
  {
    name: 'a name that is not UTF-8, at the root and in bmet/: said, not offered; a Bangla name is offered',
    limits: SMALL,
    build(stick) {
      fs.mkdirSync(path.join(stick, 'bmet'));
      fs.writeFileSync(bytesName(stick, [0x62, 0xfc, 0x6e, 0x64, 0x65, 0x6c], '.bmettrust'), 'latin-1 ü'); // bündel
      fs.writeFileSync(bytesName(path.join(stick, 'bmet'), [0xff, 0xfe], '.bmettrust'), 'two bad bytes');
      fs.writeFileSync(bytesName(stick, [0x6e, 0x6f, 0xff], '.txt'), 'not a trust file either way');
      fs.copyFileSync(BUNDLE, path.join(stick, 'ok.bmettrust'));
      fs.copyFileSync(BUNDLE, path.join(stick, 'নতুন.bmettrust'));
      fs.copyFileSync(BUNDLE, path.join(stick, 'bmet', 'v7.bmettrust'));
      return {
        files: ['ok.bmettrust', 'নতুন.bmettrust', 'bmet/v7.bmettrust'],
        skipped: [
          { relative: 'b\uFFFDndel.bmettrust', why: 'name-not-utf8' },
          { relative: 'bmet/\uFFFD\uFFFD.bmettrust', why: 'name-not-utf8' },
        ],
      };
    },
  },
  {
    name: 'bmet is a link to a folder on the stick: not looked into, said',
    limits: SMALL,
    build(stick) {
      fs.mkdirSync(path.join(stick, 'real'));
      fs.copyFileSync(BUNDLE, path.join(stick, 'real', 'v7.bmettrust'));
      fs.symlinkSync('real', path.join(stick, 'bmet'));
      fs.copyFileSync(BUNDLE, path.join(stick, 'ROOT.bmettrust'));
      return { files: ['ROOT.bmettrust'], skipped: [{ relative: 'bmet', why: 'folder-link' }] };
    },
  },
  {
    name: 'bmet is a link off the stick, and nothing else is there: said, not "no trust files"',
    limits: SMALL,
    build(stick, outside) {
      fs.copyFileSync(BUNDLE, path.join(outside, 'kiosk.bmettrust'));
      fs.symlinkSync(outside, path.join(stick, 'bmet'));
      return { files: [], skipped: [{ relative: 'bmet', why: 'folder-link' }] };
    },
  },
  {
    name: 'BMET in capitals is a link to nothing: said under its own name',
    limits: SMALL,
    build(stick) {
      fs.symlinkSync('/nonexistent/bmet', path.join(stick, 'BMET'));
      return { files: [], skipped: [{ relative: 'BMET', why: 'folder-link' }] };
    },
  },
  {
    name: 'bmet is a file, not a folder: said',
    limits: SMALL,
    build(stick) {
      fs.writeFileSync(path.join(stick, 'bmet'), 'not a folder');
      fs.copyFileSync(BUNDLE, path.join(stick, 'ROOT.bmettrust'));
      return { files: ['ROOT.bmettrust'], skipped: [{ relative: 'bmet', why: 'not-folder' }] };
    },
  },
];

const byRelative = (a: { relative: string }, b: { relative: string }) =>
  a.relative < b.relative ? -1 : a.relative > b.relative ? 1 : 0;

function expectScan(stick: string, limits: TrustScanLimits, want: Expected): void {
  const scan = findTrustFiles(stick, limits);
  expect({ files: scan.files.map((f) => f.relative).sort(), skipped: scan.skipped }).toEqual({
    files: [...want.files].sort(),
    skipped: [...want.skipped].sort(byRelative),
  });
  // What is offered is what an install reads: the very file, by the name the screen sends back.
  for (const f of scan.files)
    expect(readTrustFile(f, stick, limits).equals(fs.readFileSync(path.join(stick, f.relative)))).toBe(true);
}

describe('findTrustFiles says what a stick does not offer', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const stick = tmp('bmet-stick-');
    const want = c.build(stick, tmp('bmet-outside-'));
    expectScan(stick, want.limits ?? c.limits, want);
  });

  it('the words for a folder listed in part name the bound the kiosk lists to, in both languages', () => {
    const bound = DEFAULT_TRUST_LIMITS.maxEntries.toLocaleString('en');
    const words = SKIP_WORDS['too-many-entries'];
    expect(words.en).toContain(bound);
    expect(words.bn).toContain(bound.replace(/\d/g, (d) => '০১২৩৪৫৬৭৮৯'[Number(d)]!));
  });
});

// Another file system mounted on bmet/: needs root and a kernel that lets us mount a tmpfs.
describe.skipIf(!canMountTmpfs)('a bmet/ on another device (root: a tmpfs mounted on it)', () => {
  const mounted: string[] = [];
  afterAll(() => {
    for (const m of mounted.reverse()) spawnSync('umount', [m]);
  });

  it('is not looked into, and says so; the root is still offered', () => {
    const stick = tmp('bmet-stick-');
    const bmet = path.join(stick, 'bmet');
    fs.mkdirSync(bmet);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'bmetother', bmet]);
    mounted.push(bmet);
    fs.copyFileSync(BUNDLE, path.join(bmet, 'v7.bmettrust'));
    fs.copyFileSync(BUNDLE, path.join(stick, 'ROOT.bmettrust'));
    expectScan(stick, SMALL, {
      files: ['ROOT.bmettrust'],
      skipped: [{ relative: 'bmet', why: 'folder-other-device' }],
    });
  });
});
