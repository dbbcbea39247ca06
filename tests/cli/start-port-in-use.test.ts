// `start --port N` where N is taken: a coded message (PORT_UNAVAILABLE, exit 1, the {"ok":false}
// line), and the kiosk it had booted closed, so the process ends by itself. Before, it printed
// Node's EADDRINUSE stack and never ended: the booted kiosk (log, sync) kept it alive.
import fs from 'node:fs';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { jsonLines, runCliBounded } from '../helpers/cli.ts';
import { VBUNDLE, VROOT } from '../helpers/kiosk-data.ts';
import { tempDataDir } from '../helpers/store.ts';

const held: net.Server[] = [];
afterEach(async () => {
  for (const s of held.splice(0)) await new Promise((r) => s.close(r));
});

async function takenPort(): Promise<number> {
  const s = net.createServer();
  held.push(s);
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  return (s.address() as net.AddressInfo).port;
}

describe('start on a port already in use', () => {
  it('says PORT_UNAVAILABLE, closes the kiosk it booted and exits 1 by itself', async () => {
    const port = await takenPort();
    const dir = tempDataDir('start-port');
    const r = await runCliBounded([
      'start',
      '--no-window',
      '--port',
      String(port),
      '--data-dir',
      dir,
      '--root',
      VROOT,
      '--bundle',
      VBUNDLE,
    ]);
    expect(r.signal, 'it must end by itself, not be ended by the guard').toBeNull();
    expect(r.status).toBe(1);
    expect(jsonLines(r.stdout)).toEqual([
      { ok: false, code: 'PORT_UNAVAILABLE', message: expect.stringContaining(`port ${port}`) },
    ]);
    expect(r.stderr).toMatch(
      new RegExp(
        `PORT_UNAVAILABLE: cannot serve the screens on 127\\.0\\.0\\.1 port ${port}: another program is listening there`,
      ),
    );
    expect(r.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
    // The database it had opened was closed: no write-ahead log left behind.
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('-wal'))).toEqual([]);
  });
});
