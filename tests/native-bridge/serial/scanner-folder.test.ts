// ScannerFolder, stepped one look at a time: what it reports as links come and go in a real
// folder, a folder that does not exist yet, one that cannot be read, and one with too many links.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  MAX_FOLDER_SCANNERS,
  ScannerFolder,
  type ScannerFolderEvent,
} from '../../../native-bridge/serial/scanner-folder.ts';
import { tempDir } from '../../helpers/pty.ts';

function folderOn(dir: string) {
  const folder = new ScannerFolder({ dir });
  const seen: ScannerFolderEvent[] = [];
  folder.on((e) => seen.push(e));
  /** The events of one look. */
  const look = () => {
    const from = seen.length;
    folder.look();
    return seen.slice(from);
  };
  return { look };
}
const link = (dir: string, name: string) => fs.symlinkSync('/dev/null', path.join(dir, name));

describe('ScannerFolder', () => {
  it('reports each scanner-acm link once as added and once as removed; other names are not scanners', () => {
    const parent = tempDir();
    const dir = path.join(parent, 'bmet');
    const { look } = folderOn(dir);
    expect(look()).toEqual([]); // no folder yet: nothing plugged in, and nothing to say
    fs.mkdirSync(dir);
    link(dir, 'scanner-acm-b');
    link(dir, 'scanner-acm-a');
    link(dir, 'scanner-hid-c');
    link(dir, 'README');
    expect(look()).toEqual([
      { type: 'added', path: path.join(dir, 'scanner-acm-a') },
      { type: 'added', path: path.join(dir, 'scanner-acm-b') },
    ]);
    expect(look()).toEqual([]);
    fs.unlinkSync(path.join(dir, 'scanner-acm-a'));
    expect(look()).toEqual([{ type: 'removed', path: path.join(dir, 'scanner-acm-a') }]);
    fs.rmSync(dir, { recursive: true }); // udev may take the folder away with the last link
    expect(look()).toEqual([{ type: 'removed', path: path.join(dir, 'scanner-acm-b') }]);
  });

  it('a folder that cannot be read is said once, its links kept, and the end of it said', () => {
    const dir = path.join(tempDir(), 'bmet');
    fs.mkdirSync(dir);
    link(dir, 'scanner-acm-a');
    const { look } = folderOn(dir);
    expect(look()).toHaveLength(1);
    fs.rmSync(dir, { recursive: true });
    fs.writeFileSync(dir, ''); // readdir: ENOTDIR (root reads any folder, so no EACCES here)
    const first = look();
    expect(first).toEqual([
      { type: 'error', message: expect.stringContaining(`cannot read ${dir}: ENOTDIR`) },
    ]);
    expect(look()).toEqual([]); // not said again; the scanner it had is not dropped on a failed look
    fs.rmSync(dir);
    fs.mkdirSync(dir);
    link(dir, 'scanner-acm-a');
    expect(look()).toEqual([{ type: 'ok' }]);
  });

  it(`more than ${MAX_FOLDER_SCANNERS} links: the first ${MAX_FOLDER_SCANNERS} by name, and the rest said`, () => {
    const dir = tempDir();
    const names = Array.from(
      { length: MAX_FOLDER_SCANNERS + 2 },
      (_, i) => `scanner-acm-${String(i).padStart(2, '0')}`,
    );
    for (const n of names) link(dir, n);
    const { look } = folderOn(dir);
    const events = look();
    expect(events[0]).toEqual({
      type: 'error',
      message: `${MAX_FOLDER_SCANNERS + 2} scanner links in ${dir}; the first ${MAX_FOLDER_SCANNERS} are read, the rest left alone`,
    });
    expect(events.slice(1)).toEqual(
      names.slice(0, MAX_FOLDER_SCANNERS).map((n) => ({ type: 'added', path: path.join(dir, n) })),
    );
    fs.unlinkSync(path.join(dir, names[0]!));
    fs.unlinkSync(path.join(dir, names[1]!));
    expect(look()).toEqual([
      { type: 'ok' },
      { type: 'removed', path: path.join(dir, names[0]!) },
      { type: 'removed', path: path.join(dir, names[1]!) },
      { type: 'added', path: path.join(dir, names[MAX_FOLDER_SCANNERS]!) },
      { type: 'added', path: path.join(dir, names[MAX_FOLDER_SCANNERS + 1]!) },
    ]);
  });
});
