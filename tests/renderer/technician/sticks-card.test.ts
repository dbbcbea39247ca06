// The technician's USB-sticks card in real Chromium, over sticks scanned from real folders: what a
// stick does not offer reads as words in both languages (every reason the contract has), and a
// stick whose bmet/ was not looked into says its files are not offered, not that it has none.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { STICK_SKIP_REASONS } from '../../../main/contract/bridge-events.ts';
import type { StickInfo } from '../../../main/contract/technician.ts';
import { SKIP_WORDS, TECH_WORDS } from '../../../main/contract/words.ts';
import { findTrustFiles, type TrustScanLimits } from '../../../native-bridge/usb/trust-files.ts';
import { hasChromium } from '../../helpers/kiosk.ts';
import { useHarnessPage } from '../../helpers/page-harness.ts';

declare const __sticks: { render(sticks: StickInfo[]): void };

const BUNDLE = path.resolve(import.meta.dirname, '../../../../shared/vectors/bundle.bmettrust');
const LIMITS: TrustScanLimits = { maxBytes: 64 * 1024, maxEntries: 20 };

/** Each stick: how it is filled (on disk, then scanned as the watcher would). */
const STICKS: Record<string, (stick: string, outside: string) => void> = {
  many(stick) {
    for (let i = 0; i < 30; i++) fs.copyFileSync(BUNDLE, path.join(stick, `v${i}.bmettrust`));
  },
  names(stick) {
    fs.copyFileSync(BUNDLE, path.join(stick, 'ok.bmettrust'));
    fs.writeFileSync(Buffer.from(`${stick}/b\xfcndel.bmettrust`, 'latin1'), 'not UTF-8');
  },
  link(stick, outside) {
    fs.copyFileSync(BUNDLE, path.join(outside, 'kiosk.bmettrust'));
    fs.symlinkSync(outside, path.join(stick, 'bmet'));
  },
  file(stick) {
    fs.writeFileSync(path.join(stick, 'bmet'), 'not a folder');
  },
  refused(stick) {
    fs.mkdirSync(path.join(stick, 'bmet'));
    execFileSync('mkfifo', [path.join(stick, 'bmet', 'pipe.bmettrust')]);
  },
  empty() {},
};

function scanned(name: string, fillIt: (stick: string, outside: string) => void): StickInfo {
  const stick = fs.mkdtempSync(path.join(os.tmpdir(), `bmet-stick-${name}-`));
  fillIt(stick, fs.mkdtempSync(path.join(os.tmpdir(), 'bmet-outside-')));
  return {
    mountPoint: stick,
    device: `/dev/${name}`,
    ...findTrustFiles(stick, LIMITS),
    at: '2026-12-02T10:00:00Z',
  };
}

interface Shown {
  device: string;
  text: string;
  candidates: number;
  skips: { why: string; text: string }[];
}

describe.skipIf(!hasChromium)('the USB-sticks card in Chromium', () => {
  const pageOf = useHarnessPage(path.join(import.meta.dirname, 'harness'), '__sticks', {
    width: 1366,
    height: 768,
  });
  const sticks = Object.entries(STICKS).map(([name, fillIt]) => scanned(name, fillIt));
  // Every reason the contract has, on one stick made by hand: some need a second device to happen.
  sticks.push({
    mountPoint: '/media/every-reason',
    device: '/dev/every',
    files: [],
    skipped: STICK_SKIP_REASONS.map((why) => ({ relative: `x-${why}`, why })),
    at: '2026-12-02T10:00:00Z',
  });
  let shown: Shown[];

  beforeAll(async () => {
    const page = pageOf();
    await page.evaluate((s) => __sticks.render(s), sticks);
    shown = await page.$$eval('#box .stick', (cards) =>
      cards.map((card) => ({
        device: (card.querySelector('.stick-head .muted') as HTMLElement).innerText,
        text: (card as HTMLElement).innerText,
        candidates: card.querySelectorAll('[data-testid=candidate]').length,
        skips: [...card.querySelectorAll('.skip')].map((s) => ({
          why: s.getAttribute('data-why') ?? '',
          text: (s as HTMLElement).innerText,
        })),
      })),
    );
  }, 120_000);

  const card = (name: string) => shown.find((s) => s.device === `/dev/${name}`)!;

  it.each(STICK_SKIP_REASONS)('%s reads as words in both languages', (why) => {
    const skip = card('every').skips.find((s) => s.why === why)!;
    expect(skip.text).toContain(`x-${why}`);
    expect(skip.text).toContain(SKIP_WORDS[why].en);
    expect(skip.text).toContain(SKIP_WORDS[why].bn);
  });

  it('a root with more entries than are read: the files read are offered, the root said to be listed in part', () => {
    expect(card('many').candidates).toBe(LIMITS.maxEntries);
    expect(card('many').skips).toEqual([
      { why: 'too-many-entries', text: expect.stringContaining(SKIP_WORDS['too-many-entries'].en) as string },
    ]);
    // The root is named in words in both languages, not as '.'.
    expect(card('many').skips[0]!.text).toContain(TECH_WORDS.stickTop.en);
    expect(card('many').skips[0]!.text).toContain(TECH_WORDS.stickTop.bn);
    expect(card('many').skips[0]!.text).not.toMatch(/^\./);
  });

  it('a name that is not UTF-8: shown as read (U+FFFD), with why, beside the file that is offered', () => {
    expect(card('names').candidates).toBe(1);
    expect(card('names').skips.map((s) => s.why)).toEqual(['name-not-utf8']);
    expect(card('names').skips[0]!.text).toContain('b\uFFFDndel.bmettrust');
  });

  it.each([
    ['link', 'folder-link'],
    ['file', 'not-folder'],
    ['refused', 'not-regular'],
  ])(
    'a stick whose only entry was left out (%s): "no trust file is offered, why below", never "no trust files"',
    (name, why) => {
      const c = card(name);
      expect(c.candidates).toBe(0);
      expect(c.skips.map((s) => s.why)).toEqual([why]);
      expect(c.text).toContain(TECH_WORDS.noFilesOffered.en);
      expect(c.text).toContain(TECH_WORDS.noFilesOffered.bn);
      expect(c.text).not.toContain(TECH_WORDS.noFilesOnStick.en);
    },
  );

  it('an empty stick still says it has no trust files', () => {
    expect(card('empty').text).toContain(TECH_WORDS.noFilesOnStick.en);
    expect(card('empty').text).toContain(TECH_WORDS.noFilesOnStick.bn);
    expect(card('empty').skips).toEqual([]);
  });
});
