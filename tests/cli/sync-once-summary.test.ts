// `sync --once`'s summary counts every record the pass marked acknowledged: those a 409 says
// BMET already holds (an earlier answer was lost) as well as those a 200 acknowledged. Before,
// a pass whose whole batch was marked by a 409 said "acknowledged": 0 beside "waiting": 0.
import { describe, expect, it } from 'vitest';
import { jsonLines, runCliBounded } from '../helpers/cli.ts';
import { syncFixtures } from '../helpers/sync.ts';

const { kiosk, scripted } = syncFixtures();

describe('sync --once summary', () => {
  it('records a 409 marks as held count as acknowledged', async () => {
    const k = kiosk(40);
    k.store.close();
    // The first answer is lost after BMET stored 1..40; asked again, BMET says it wants 41 next.
    const s = await scripted((b, n) =>
      n === 0 ? 'drop' : { status: 409, body: { expectedSeq: b.toSeq + 1 } },
    );
    const args = ['sync', '--once', '--server', s.url, '--data-dir', k.dataDir];
    const lost = await runCliBounded(args);
    expect(jsonLines(lost.stdout)[0]).toMatchObject({ ok: false, acknowledged: 0, waiting: 40 });
    const r = await runCliBounded(args);
    expect(jsonLines(r.stdout)[0]).toMatchObject({
      ok: true,
      acknowledged: 40,
      batches: 0,
      waiting: 0,
      alert: null,
    });
    expect(r.status).toBe(0);
    expect(s.requests.map((q) => [q.fromSeq, q.toSeq])).toEqual([
      [1, 40],
      [1, 40],
    ]);
  });
});
