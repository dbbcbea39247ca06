// `sync --resume` is the technician's action after an alert, as the screens' resume is: both write
// the same `sync.resume` audit line (who, and which alert they cleared) before sync goes again.
// Before, the command line cleared the alert without a trace in the audit log.
import { describe, expect, it } from 'vitest';
import { openStore } from '../../main/core/store/store.ts';
import { jsonLines, runCliBounded } from '../helpers/cli.ts';
import { ackOf, syncFixtures } from '../helpers/sync.ts';

const { kiosk, scripted } = syncFixtures();

describe('sync --resume', () => {
  it.each([
    ['--technician TECH-7', ['--technician', 'TECH-7'], 'TECH-7'],
    ['no --technician (the actor is CLI, as for every command)', [], 'CLI'],
  ])('%s: audited with who and the alert it clears, then sync goes on', async (_what, who, actor) => {
    const k = kiosk(20);
    k.store.close();
    // A BMET that claims records this kiosk never sent: SYNC_SERVER_AHEAD, sync stops.
    const ahead = await scripted(() => ({ status: 409, body: { expectedSeq: 5000 } }));
    const stopped = await runCliBounded(['sync', '--once', '--server', ahead.url, '--data-dir', k.dataDir]);
    expect(jsonLines(stopped.stdout)[0]).toMatchObject({ alert: { code: 'SYNC_SERVER_AHEAD' } });

    const honest = await scripted(ackOf);
    const args = ['sync', '--once', '--resume', ...who, '--server', honest.url, '--data-dir', k.dataDir];
    const r = await runCliBounded(args);
    expect(jsonLines(r.stdout)[0]).toMatchObject({ ok: true, acknowledged: 20, alert: null });
    expect(r.status).toBe(0);

    const store = openStore({ dataDir: k.dataDir });
    try {
      const resumes = store.auditEntries().filter((e) => e.action === 'sync.resume');
      expect(resumes).toMatchObject([
        {
          actor,
          detail: { alert: 'SYNC_SERVER_AHEAD', message: expect.stringMatching(/expects seq 5000/) },
        },
      ]);
    } finally {
      store.close();
    }
  });
});
