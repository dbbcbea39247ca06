// The technician screen in the trust states a kiosk meets. Where a new kiosk starts — no trust
// bundle installed, no kiosk id, no BMET address — is a state to show, not an error: the screen
// loads and redraws with no console error (the helpers fail a test on any, and Chromium logs
// every HTTP 4xx as one), and says in both languages what is missing, main's own English messages
// only as details marked as such, never an instruction for a command line the packaged app does
// not have. A file the install would refuse is previewed as what it is: it will not be installed,
// and what stays in force — on a run checking against a bundle file (as `start --dev` does) while
// a newer bundle is installed, that file, and the installed bundle the refusal compared with.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signBundle } from '../../keys/bundle-signer.ts';
import { publicKeyPem } from '../../keys/signing-key.ts';
import {
  BUNDLE_WORDS,
  SKIP_WORDS,
  SYNC_WORDS,
  TECH_WORDS,
  TRUST_PROBLEM_WORDS,
  TRUST_REFUSAL_WORDS,
  UI_WORDS,
} from '../../main/contract/words.ts';
import { openStore } from '../../main/core/store/store.ts';
import { loadRoots } from '../../main/core/trust/roots.ts';
import { vectorsPayload } from '../helpers/kiosk-data.ts';
import {
  hasChromium,
  launchChromium,
  startKiosk,
  VECTORS,
  VECTORS_NOW,
  type RunningKiosk,
} from '../helpers/kiosk.ts';
import { testKey } from '../helpers/trust.ts';

const TECH = { id: 'TC-3101', name: 'Rafiq Islam', pin: '975310' };
const VROOT = path.join(VECTORS, 'root.pem');

/**
 * In the describe that calls it: a kiosk started with `args(tmp)` on a data dir holding TECH (and
 * what `prepare` adds), a USB stick (`stick`, `bmet/` made) in its mount table, and a page on its screens.
 */
function technicianKiosk(
  tag: string,
  prepare: (d: { tmp: string; dataDir: string; stick: string }) => void,
  args: (tmp: string) => string[],
): { page(): Page; stick: string } {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `kiosk-e2e-${tag}-`));
  const dataDir = path.join(tmp, 'data');
  const stick = path.join(tmp, 'stick');
  const mountTable = path.join(tmp, 'mountinfo');
  let kiosk: RunningKiosk;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    const store = openStore({ dataDir });
    try {
      store.people.add({ id: TECH.id, name: TECH.name, role: 'technician', pin: TECH.pin }, 'TC-SETUP');
    } finally {
      store.close();
    }
    fs.mkdirSync(path.join(stick, 'bmet'), { recursive: true });
    prepare({ tmp, dataDir, stick });
    fs.writeFileSync(mountTable, `100 1 8:17 / ${stick} ro,nosuid,nodev,noexec - vfat /dev/sdb1 ro\n`);
    kiosk = await startKiosk([...args(tmp), '--now', VECTORS_NOW, '--mount-table', mountTable], dataDir);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(kiosk.url);
  });
  afterAll(async () => {
    // The page leaves first: a kiosk stopped under an open page would make it log its reconnect attempts.
    await page?.goto('about:blank');
    await browser?.close();
    expect(await kiosk?.stop()).toBe(0);
    fs.rmSync(tmp, { recursive: true, force: true });
  });
  return { page: () => page, stick };
}

async function signIn(page: Page): Promise<void> {
  await page.getByTestId('tech-sign-in-id').fill(TECH.id);
  await page.getByTestId('tech-sign-in-pin').fill(TECH.pin);
  await page.getByTestId('tech-sign-in-submit').click();
  await page.getByTestId('tech-session').filter({ hasText: TECH.id }).waitFor();
}

describe.skipIf(!hasChromium)('the technician screen on a kiosk with no trust bundle, in Chromium', () => {
  // A stick with a file that is no bundle at all, and one that is a link: not offered, and said why.
  const k = technicianKiosk(
    'nobundle',
    ({ stick }) => {
      fs.writeFileSync(path.join(stick, 'junk.bmettrust'), 'not a trust bundle\n');
      fs.symlinkSync(path.join(VECTORS, 'bundle.bmettrust'), path.join(stick, 'bmet', 'linked.bmettrust'));
    },
    () => ['--root', VROOT],
  );

  /** Waits for the screen's next trustDetails answer to be drawn (its console message, if any, came first). */
  async function trustAnswered(act: () => Promise<void>): Promise<void> {
    const answered = k.page().waitForResponse((r) => r.url().endsWith('/api/trustDetails'));
    await act();
    await answered;
    await k.page().locator('[data-testid=tech-trust] [data-code=NO_TRUST_BUNDLE]').waitFor();
  }

  it('opens with no console error and says no bundle is installed, in both languages', async () => {
    await trustAnswered(() => k.page().getByTestId('open-technician').click());
    const text = await k.page().getByTestId('tech-trust').innerText();
    expect(text).toContain(TRUST_PROBLEM_WORDS.NO_TRUST_BUNDLE.en);
    expect(text).toContain(TRUST_PROBLEM_WORDS.NO_TRUST_BUNDLE.bn);
  });

  it('redraws after a technician signs in, still with no console error', async () => {
    await trustAnswered(() => signIn(k.page()));
  });

  it('the sync card says what is missing in both languages; the raw reason is a marked detail, no command line', async () => {
    const missing = k.page().locator('[data-testid=tech-sync-last-error] [data-code=SYNC_NOT_PROVISIONED]');
    await missing.waitFor();
    // The packaged app has no command line: nothing on the screen may send the technician to one.
    expect(await k.page().locator('main.tech').innerText()).not.toMatch(/provision|--[a-z]/);
    const text = await missing.innerText();
    expect(text).toContain(SYNC_WORDS.SYNC_NOT_PROVISIONED.en);
    expect(text).toContain(SYNC_WORDS.SYNC_NOT_PROVISIONED.bn);
    const detail = await k.page().getByTestId('tech-sync-error-detail').innerText();
    expect(detail).toContain(UI_WORDS.detail.en);
    expect(detail).toContain('no kiosk id');
    for (const line of await k.page().getByTestId('tech-sync').locator('[lang=bn]').allInnerTexts())
      expect(line).not.toContain('kiosk id');
  });

  it("says in both languages why a stick's file is not offered", async () => {
    const skipped = k.page().locator('[data-testid=tech-sticks] .skipped');
    await skipped.filter({ hasText: 'bmet/linked.bmettrust' }).waitFor();
    const text = await skipped.innerText();
    expect(text).toContain(SKIP_WORDS.link.en);
    expect(text).toContain(SKIP_WORDS.link.bn);
  });

  it('a file that would be refused: it will not be installed, and nothing stays in force; no version arrow', async () => {
    await k.page().locator('[data-testid=install][data-relative="junk.bmettrust"]').click();
    const preview = k.page().locator('[data-testid=install-preview]:not([data-refusal=""])');
    await preview.waitFor();
    // Not "none in force → none in force": installing it changes nothing.
    expect(await k.page().getByTestId('preview-version').count()).toBe(0);
    const text = await preview.innerText();
    expect(text).not.toContain('→');
    expect(text).toContain(TECH_WORDS.wontInstall.en);
    expect(text).toContain(TECH_WORDS.wontInstall.bn);
    const stays = await k.page().getByTestId('preview-stays').innerText();
    expect(stays).toContain(TECH_WORDS.noneStaysInForce.en);
    expect(stays).toContain(TECH_WORDS.noneStaysInForce.bn);
    await k.page().getByTestId('cancel-install').click();
    await preview.waitFor({ state: 'detached' });
  });
});

/** A second root: it signs versions 8 (installed) and 6 (on the stick) of the vectors bundle. */
const ROOT2 = testKey('e2e-preview-root');
/** The vectors bundle as version `version`, revoking these clearances too. */
const withRevoked = (version: number, clearances: string[]) => {
  const p = vectorsPayload() as { revoked: { kids: string[]; clearances: string[] }; rules: unknown[] };
  return { ...p, version, revoked: { ...p.revoked, clearances: [...p.revoked.clearances, ...clearances] } };
};

describe.skipIf(!hasChromium)('the install preview on a run on a bundle file, in Chromium', () => {
  const root2 = (tmp: string) => path.join(tmp, 'root2.pem');
  const k = technicianKiosk(
    'preview',
    ({ tmp, dataDir, stick }) => {
      fs.writeFileSync(root2(tmp), publicKeyPem(ROOT2));
      const roots = loadRoots([VROOT, root2(tmp)]);
      if (!roots.ok) throw new Error(roots.why);
      const store = openStore({ dataDir, now: () => Date.parse(VECTORS_NOW) });
      try {
        const v8 = store.trust.install({
          bytes: Buffer.from(signBundle(withRevoked(8, ['BMET-2026-09999991']), [ROOT2])),
          roots: roots.roots,
          nowMs: Date.parse(VECTORS_NOW),
          actor: 'TC-SETUP',
          source: 'test',
        });
        expect(v8.outcome).toBe('installed');
      } finally {
        store.close();
      }
      fs.writeFileSync(
        path.join(stick, 'v6.bmettrust'),
        signBundle({ ...vectorsPayload(), version: 6 }, [ROOT2]),
      );
      // v10 takes back what v8 holds: its extra revocation, and every kid on the revoked list.
      const takesBack = withRevoked(10, []);
      fs.writeFileSync(
        path.join(stick, 'v10.bmettrust'),
        signBundle({ ...takesBack, revoked: { ...takesBack.revoked, kids: [] } }, [ROOT2]),
      );
      // v11 adds a rule of a kind this kiosk does not know.
      const v11 = withRevoked(11, ['BMET-2026-09999991']);
      const unknownRule = { id: 'QA-VISA-CHECK', kind: 'visaRequired', countries: ['KW'], severity: 'block' };
      fs.writeFileSync(
        path.join(stick, 'v11.bmettrust'),
        signBundle({ ...v11, rules: [...v11.rules, unknownRule] }, [ROOT2]),
      );
      fs.writeFileSync(
        path.join(stick, 'v9.bmettrust'),
        signBundle(withRevoked(9, ['BMET-2026-09999991', 'BMET-2026-09999992']), [ROOT2]),
      );
    },
    // The run checks against the vectors bundle file (v7), as --dev does against the development bundle.
    (tmp) => ['--root', VROOT, '--root', root2(tmp), '--bundle', path.join(VECTORS, 'bundle.bmettrust')],
  );

  it('an older file: will not be installed; the run’s file stays in force; compared with the installed v8', async () => {
    const page = k.page();
    await page.getByTestId('open-technician').click();
    await page.getByTestId('tech-trust-version').filter({ hasText: '7' }).waitFor();
    await signIn(page);
    await page.locator('[data-testid=install][data-relative="v6.bmettrust"]').click();
    const preview = page.locator('[data-testid=install-preview][data-refusal=BUNDLE_ROLLBACK]');
    await preview.waitFor();
    // Not "v7 → v6": nothing changes, and the refusal was against v8, not the v7 in force.
    const text = await preview.innerText();
    expect(text).not.toContain('→');
    expect(text).toContain(TECH_WORDS.wontInstall.en);
    expect(text).toContain(BUNDLE_WORDS.BUNDLE_ROLLBACK.en);
    expect(text).toContain(BUNDLE_WORDS.BUNDLE_ROLLBACK.bn);
    const stays = await page.getByTestId('preview-stays').innerText();
    expect(stays).toContain('v7');
    expect(stays).toContain(TECH_WORDS.fromFile.en);
    expect(stays).toContain(TECH_WORDS.fromFile.bn);
    expect(await page.getByTestId('preview-installed').innerText()).toBe('v8');
    expect(await page.getByTestId('preview-file-version').innerText()).toBe('v6');
    // Confirming a refused file records the attempt; it is not offered as an install.
    const confirm = await page.getByTestId('confirm-install').innerText();
    expect(confirm).toContain(TECH_WORDS.recordRefusal.en);
    expect(confirm).toContain(TECH_WORDS.recordRefusal.bn);
    await page.getByTestId('cancel-install').click();
  });

  it('a file changed after its preview is not installed, not even by recording a refusal: FILE_CHANGED, in words', async () => {
    const page = k.page();
    const v6 = path.join(k.stick, 'v6.bmettrust');
    const kept = fs.readFileSync(v6);
    await page.locator('[data-testid=install][data-relative="v6.bmettrust"]').click();
    await page.locator('[data-testid=install-preview][data-refusal=BUNDLE_ROLLBACK]').waitFor();
    // Swapped for a bundle that would install, between the preview and the tap.
    fs.copyFileSync(path.join(k.stick, 'v9.bmettrust'), v6);
    try {
      await page.getByTestId('confirm-install').click();
      const result = page.locator(
        '[data-testid=install-result][data-outcome=refused][data-code=FILE_CHANGED]',
      );
      await result.waitFor();
      const text = await result.innerText();
      expect(text).toContain(TRUST_REFUSAL_WORDS.FILE_CHANGED.en);
      expect(text).toContain(TRUST_REFUSAL_WORDS.FILE_CHANGED.bn);
    } finally {
      fs.writeFileSync(v6, kept);
    }
    // Still the installed v8 it was judged against.
    await page.locator('[data-testid=install][data-relative="v9.bmettrust"]').click();
    expect(await page.getByTestId('preview-version').innerText()).toBe('v8 → v9');
    await page.getByTestId('cancel-install').click();
  });

  it('a file that takes back revocations says so, in red and in both languages, not as "no change"', async () => {
    const page = k.page();
    await page.locator('[data-testid=install][data-relative="v10.bmettrust"]').click();
    await page.locator('[data-testid=install-preview][data-to="10"]').waitFor();
    const removed = page.getByTestId('preview-revocations-removed');
    expect(await removed.getAttribute('data-count')).toBe('1');
    expect(await removed.getAttribute('class')).toContain('tbad');
    const text = await page.getByTestId('install-preview').innerText();
    expect(text).toContain(TECH_WORDS.revocationsRemoved.en);
    expect(text).toContain(TECH_WORDS.revocationsRemoved.bn);
    expect(text).toContain(TECH_WORDS.revokedKidsRemoved.en);
    expect(
      Number(await page.getByTestId('preview-keys-unrevoked').getAttribute('data-count')),
    ).toBeGreaterThan(0);
    await page.getByTestId('cancel-install').click();
  });

  it('a rule of a kind the kiosk does not know is named before confirming: installed, but not checked', async () => {
    const page = k.page();
    await page.locator('[data-testid=install][data-relative="v11.bmettrust"]').click();
    const ignored = page.getByTestId('preview-rules-ignored');
    await ignored.waitFor();
    expect(await ignored.innerText()).toBe('QA-VISA-CHECK (visaRequired)');
    const text = await page.getByTestId('install-preview').innerText();
    expect(text).toContain(TECH_WORDS.rulesIgnored.en);
    expect(text).toContain(TECH_WORDS.rulesIgnored.bn);
    await page.getByTestId('cancel-install').click();
  });

  it('a newer file: the change is against the installed v8 it replaces, and the run’s file stays in force', async () => {
    const page = k.page();
    await page.locator('[data-testid=install][data-relative="v9.bmettrust"]').click();
    const preview = page.locator('[data-testid=install-preview][data-to="9"]');
    await preview.waitFor();
    expect(await preview.getAttribute('data-refusal')).toBe('');
    const text = await preview.innerText();
    expect(text).toContain(TECH_WORDS.installedBundle.en);
    expect(text).toContain(TECH_WORDS.installedBundle.bn);
    // Not "v7 → v9" against the file in force: v8 is what the install replaces.
    expect(await page.getByTestId('preview-version').innerText()).toBe('v8 → v9');
    // v9 revokes one clearance more than v8 (two more than the file in force).
    expect(await page.getByTestId('preview-revocations').getAttribute('data-count')).toBe('1');
    const stays = await page.getByTestId('preview-stays').innerText();
    expect(stays).toContain('v7');
    expect(stays).toContain(TECH_WORDS.fromFile.en);
    const confirm = await page.getByTestId('confirm-install').innerText();
    expect(confirm).toContain(TECH_WORDS.confirmInstall.en);
    expect(confirm).toContain(TECH_WORDS.confirmInstall.bn);
    await page.getByTestId('cancel-install').click();
  });
});
