// `start --now` fixes the clock of verdicts only (cli.md): a kiosk started years in the past still
// locks a person out for real minutes, stamps its audit with the real time, and keeps its verdict
// records at the --now instant.
import { afterEach, describe, expect, it } from 'vitest';
import { bootKiosk, type BootedKiosk } from '../../main/app/boot.ts';
import { callKiosk, type CallContext } from '../../main/app/dispatch.ts';
import { MAX_FAILED_PINS } from '../../main/core/store/people.ts';
import { openStore } from '../../main/core/store/store.ts';
import { installedDataDir, VROOT } from '../helpers/kiosk-data.ts';
import { vectorCards } from '../helpers/kiosk.ts';

const PAST = Date.parse('2020-01-01T00:00:00Z');
const open: BootedKiosk[] = [];
afterEach(async () => {
  for (const k of open.splice(0)) await k.close();
});

describe('start --now', () => {
  it('fixes the verdicts’ clock only: lock-outs and the audit run on the real clock', async () => {
    const dir = installedDataDir();
    const seed = openStore({ dataDir: dir });
    seed.people.add({ id: 'OF-2001', name: 'Officer Two', role: 'officer', pin: '135791' }, 'TC-SETUP');
    seed.close();
    const k = await bootKiosk({
      dataDir: dir,
      roots: { kind: 'command-line', files: [VROOT] },
      nowMs: PAST,
      noLog: false,
      officer: 'UNSIGNED',
      usb: false,
    });
    open.push(k);
    const started = Date.now();
    const page: CallContext = { transport: 'loopback', sessionId: null, setSession: () => {} };
    for (let i = 0; i < MAX_FAILED_PINS; i++)
      await callKiosk(k.service, 'login', [{ id: 'OF-2001', pin: '000000' }], page);
    // Locked for real minutes from now, not until some minutes past 2020 (already over).
    const locked = await callKiosk(k.service, 'login', [{ id: 'OF-2001', pin: '135791' }], page);
    expect(locked).toMatchObject({ ok: true, value: { reason: 'locked' } });

    const scan = callKiosk(k.service, 'scan', [
      { text: vectorCards().get('valid-kuwait-employment')!.qr, source: 'manual' },
    ]);
    expect(scan.ok && (scan.value as { at: string }).at).toBe(new Date(PAST).toISOString());
    await k.close();
    open.pop();

    const store = openStore({ dataDir: dir });
    try {
      const person = store.people.get('OF-2001')!;
      expect(Date.parse(person.lockedUntil!)).toBeGreaterThan(started);
      const audit = store.audit.latest(50).filter((e) => e.actor === 'OF-2001');
      expect(audit.length).toBeGreaterThan(0);
      for (const e of audit) expect(Date.parse(e.at)).toBeGreaterThanOrEqual(started - 1000);
    } finally {
      store.close();
    }
  });
});
