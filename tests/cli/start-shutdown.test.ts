// `start` stopping: every shutdown step runs whatever the ones before it did. A launch page that
// could not be removed (on the appliance: the data dir's folder no longer reachable) once made
// `start` throw after its stop signal with the loopback host still listening and the database
// open, in a process whose stop handler was spent: it never exited. And a stop signal that came
// right after the address was printed ended the process by Node's default, database open.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LAUNCH_PAGE } from '../../main/cli/commands/start.ts';
import { startKiosk } from '../helpers/kiosk.ts';
import { tempDataDir } from '../helpers/store.ts';

const dbFiles = (dir: string) =>
  fs.readdirSync(dir).filter((f) => /\.(db|sqlite)(-wal|-shm|-journal)?$/.test(f));

describe('start, stopping', () => {
  it('stopped the moment its address is printed, it closes the database and exits 0', async () => {
    // The address is the signal that the kiosk is up: whoever reads it may stop it at once. Before
    // the stop signals were taken ahead of printing it, about half of such stops were Node's
    // default death (no exit code, the database left open); several in a row make that certain.
    for (let i = 0; i < 5; i++) {
      const dir = tempDataDir('start-stop');
      const kiosk = await startKiosk([], dir);
      expect(await kiosk.stop(), `stop ${i + 1}; signal ${kiosk.child.signalCode}`).toBe(0);
      expect(dbFiles(dir).filter((f) => f.endsWith('-wal'))).toEqual([]);
      expect(dbFiles(dir).length).toBeGreaterThan(0);
    }
  });

  it('a launch page that cannot be removed is said, and the host and database still close: exit 1', async () => {
    const dir = tempDataDir('start-stop-fail');
    const kiosk = await startKiosk([], dir);
    // A directory where the launch page would be: removing it as a file fails.
    fs.mkdirSync(path.join(dir, LAUNCH_PAGE));
    expect(await kiosk.stop()).toBe(1);
    expect(kiosk.stderr()).toMatch(/could not remove the launch page while stopping/);
    expect(dbFiles(dir).filter((f) => f.endsWith('-wal'))).toEqual([]);
    await expect(fetch(kiosk.url)).rejects.toThrow();
  });
});
