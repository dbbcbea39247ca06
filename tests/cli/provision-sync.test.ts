// provision and sync as a technician runs them: the real CLI in a child process, the
// reference server as its own process (npm run bmet-server's entry).
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEVICE_CODES } from '../../main/contract/sync.ts';
import { DEVICE_WORDS, wordsForCode } from '../../main/contract/words.ts';
import { openStore } from '../../main/core/store/store.ts';
import { CLI, jsonLines, PROJECT_ROOT, runCli } from '../helpers/cli.ts';
import { fakeVerdict, tempDataDir } from '../helpers/store.ts';
import { DEV_BUNDLE, DEV_ROOT_PEM } from '../fixtures/load.ts';
import { cleanup, spawnServer } from '../helpers/sync.ts';

const dirs: string[] = [];
const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const s of stops.splice(0)) await s();
  cleanup(...dirs.splice(0));
});

/** runCli blocks the event loop; these runs wait for a server in another process, so they must not. */
function cli(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const c = spawn(process.execPath, [CLI, ...args], { cwd: PROJECT_ROOT });
    let stdout = '';
    let stderr = '';
    c.stdout.on('data', (d) => (stdout += d));
    c.stderr.on('data', (d) => (stderr += d));
    c.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** Provisions a new data dir for a BMET that is not there (nothing listens on port 9). */
function provisionNowhere(name: string) {
  const dir = tempDataDir(name);
  dirs.push(dir);
  const r = runCli([
    'provision',
    '--kiosk-id',
    'DAC-T1-D07',
    '--server',
    'http://127.0.0.1:9/',
    '--data-dir',
    dir,
  ]);
  return { dir, r };
}

/** The same, which must succeed: the data dir. */
function provisionedNowhere(name: string): string {
  const { dir, r } = provisionNowhere(name);
  expect(r.status, r.stderr).toBe(0);
  return dir;
}

describe('provision', () => {
  it('makes the device key once (0600), prints kioskId and the SPKI PEM, never replaces it', () => {
    const { dir, r } = provisionNowhere('prov');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.kioskId).toBe('DAC-T1-D07');
    expect(out.publicKey).toMatch(
      /^-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA[\s\S]+-----END PUBLIC KEY-----\n$/,
    );
    const keyFile = path.join(dir, 'device-key.pem');
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    const keyBytes = fs.readFileSync(keyFile);

    // Again, with a new server: same key, server updated.
    const again = runCli([
      'provision',
      '--kiosk-id',
      'DAC-T1-D07',
      '--server',
      'https://bmet.example/sync',
      '--data-dir',
      dir,
    ]);
    expect(again.status).toBe(0);
    expect(JSON.parse(again.stdout).publicKey).toBe(out.publicKey);
    expect(again.stderr).toContain('kept, not replaced');
    expect(fs.readFileSync(keyFile).equals(keyBytes)).toBe(true);

    // Another kiosk id on the same key: refused, nothing changed. No file was given, so exit 1
    // (cli.md: 3 is a file refused), with a code of the contract's lists that has words.
    const other = runCli(['provision', '--kiosk-id', 'CGP-T1-D01', '--data-dir', dir]);
    expect(other.status).toBe(1);
    expect(JSON.parse(other.stdout)).toMatchObject({ ok: false, code: 'DEVICE_ALREADY_PROVISIONED' });
    expect(other.stderr).toMatch(
      /DEVICE_ALREADY_PROVISIONED: this kiosk is already provisioned as DAC-T1-D07/,
    );
    expect(DEVICE_CODES).toContain('DEVICE_ALREADY_PROVISIONED');
    expect(wordsForCode('DEVICE_ALREADY_PROVISIONED')).toBe(DEVICE_WORDS.DEVICE_ALREADY_PROVISIONED);
    expect(fs.readFileSync(keyFile).equals(keyBytes)).toBe(true);
    const store = openStore({ dataDir: dir });
    expect(store.kioskId()).toBe('DAC-T1-D07');
    expect(store.setting('sync.server')).toBe('https://bmet.example/sync');
    store.close();
  });

  // Each way the key file can be there but unusable. As root (the tests' usual user) a file mode
  // does not stop a read, so these are kinds of file no mode can make readable.
  it.each([
    ['not a key', (f: string) => fs.writeFileSync(f, 'garbage'), /is not an Ed25519 private key/],
    ['a directory', (f: string) => fs.mkdirSync(f), /is not a regular file/],
    [
      'a FIFO (no writer: never waited on)',
      (f: string) => execFileSync('mkfifo', [f]),
      /is not a regular file/,
    ],
    // Before, the key was made, its link refused (EEXIST), and provision started again: for ever.
    ['a link to nothing', (f: string) => fs.symlinkSync(`${f}.gone`, f), /cannot read .*ENOENT/],
  ])(
    'an existing key file that is %s: exit 1, DEVICE_KEY_UNREADABLE, what to do, and the file kept',
    (_what, make, why) => {
      const dir = tempDataDir('prov');
      dirs.push(dir);
      const first = runCli(['provision', '--kiosk-id', 'DAC-T1-D07', '--data-dir', dir]);
      expect(first.status).toBe(0);
      const keyFile = path.join(dir, 'device-key.pem');
      fs.rmSync(keyFile);
      make(keyFile);
      const kind = fs.lstatSync(keyFile);
      const before = fs.readdirSync(dir).sort();

      const r = runCli(['provision', '--kiosk-id', 'DAC-T1-D07', '--data-dir', dir]);
      // No file was given (cli.md's 3), as with another kiosk id: exit 1, with the code line.
      expect(r.status).toBe(1);
      const [line, ...more] = jsonLines<{ ok: boolean; code: string; message: string }>(r.stdout);
      expect(more).toEqual([]);
      expect(line).toMatchObject({ ok: false, code: 'DEVICE_KEY_UNREADABLE' });
      expect(line!.message).toMatch(why);
      expect(line!.message).toMatch(/never replaces a device key: put back the kiosk's own key file/);
      expect(r.stderr).toMatch(/^bmet-kiosk: DEVICE_KEY_UNREADABLE: the kiosk's device key cannot be used/);
      expect(wordsForCode('DEVICE_KEY_UNREADABLE')).toBe(DEVICE_WORDS.DEVICE_KEY_UNREADABLE);
      // Nothing replaced it, nothing was left beside it.
      expect(fs.lstatSync(keyFile).mode).toBe(kind.mode);
      expect(fs.readdirSync(dir).sort()).toEqual(before);
    },
  );

  it('usage errors: no id, a bad id, a bad URL', () => {
    expect(runCli(['provision']).status).toBe(2);
    expect(runCli(['provision', '--kiosk-id', 'dac t1']).status).toBe(2);
    expect(runCli(['provision', '--kiosk-id', 'DAC-T1-D07', '--server', 'ftp://x']).status).toBe(2);
  });
});

describe('sync --once', () => {
  it('ships the log to the reference server and prints a summary; exit 1 with the alert when the key is not registered', async () => {
    const dir = tempDataDir('cli-sync');
    const sdir = tempDataDir('cli-server');
    dirs.push(dir, sdir);
    const prov = JSON.parse(runCli(['provision', '--kiosk-id', 'ZYL-T1-D02', '--data-dir', dir]).stdout);
    const store = openStore({ dataDir: dir });
    for (let i = 0; i < 1234; i++)
      store.logVerdict(fakeVerdict(i), `QR${i}`, Date.now() - 1000 * (1234 - i), 'OF-1');
    store.close();

    const server = await spawnServer(['--db', path.join(sdir, 'bmet.db'), '--trust', DEV_BUNDLE, '--quiet']);
    stops.push(server.stop);
    const refused = await cli(['sync', '--once', '--server', server.url, '--data-dir', dir]);
    expect(refused.status).toBe(1);
    expect(JSON.parse(refused.stdout)).toMatchObject({
      ok: false,
      acknowledged: 0,
      waiting: 1234,
      alert: { code: 'SYNC_UNAUTHORIZED', httpStatus: 403 },
    });
    expect(refused.stderr).toContain('SYNC_UNAUTHORIZED');

    fs.writeFileSync(path.join(sdir, 'kiosk.pem'), prov.publicKey);
    // BMET registers the key with its admin command.
    const admin = await new Promise<number | null>((resolve) => {
      spawn(process.execPath, [
        path.join(PROJECT_ROOT, 'server/main.ts'),
        'register',
        '--db',
        path.join(sdir, 'bmet.db'),
        '--kiosk-id',
        'ZYL-T1-D02',
        '--public-key',
        path.join(sdir, 'kiosk.pem'),
      ]).on('close', resolve);
    });
    expect(admin).toBe(0);

    const ok = await cli(['sync', '--once', '--resume', '--server', server.url, '--data-dir', dir]);
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({
      ok: true,
      acknowledged: 1234,
      batches: 3,
      waiting: 0,
      alert: null,
    });
    const again = await cli(['sync', '--once', '--server', server.url, '--data-dir', dir]);
    expect(JSON.parse(again.stdout)).toMatchObject({ ok: true, acknowledged: 0, waiting: 0 });

    // With BMET's roots the pass begins with the trust check: its TrustCheck in the summary, the
    // install's own report the first time, then nothing newer (the development bundle: valid to 2031).
    const withRoots = ['sync', '--once', '--server', server.url, '--root', DEV_ROOT_PEM, '--data-dir', dir];
    const fetched = JSON.parse((await cli(withRoots)).stdout);
    expect(fetched.trust).toEqual({
      outcome: 'installed',
      code: null,
      version: 10,
      previousVersion: null,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(JSON.parse((await cli(withRoots)).stdout).trust).toEqual({ outcome: 'not-modified' });

    await server.stop();
    const audit = await new Promise<string>((resolve) => {
      let out = '';
      const c = spawn(process.execPath, [
        path.join(PROJECT_ROOT, 'server/main.ts'),
        'audit',
        '--db',
        path.join(sdir, 'bmet.db'),
        '--kiosk-id',
        'ZYL-T1-D02',
      ]);
      c.stdout.on('data', (d) => (out += d));
      c.on('close', () => resolve(out));
    });
    expect(JSON.parse(audit)).toMatchObject({ count: 1234, lastSeq: 1234, chainOk: true, reports: [] });
  });

  it('the loop, stopped the moment it prints its first status line, stops cleanly (exit 0)', async () => {
    const dir = provisionedNowhere('cli-sync-stop');
    // Its signals were taken after the loop began, so about half of such stops were Node's default
    // death (no exit code); several in a row make that certain.
    for (let i = 0; i < 5; i++) {
      const c = spawn(process.execPath, [CLI, 'sync', '--data-dir', dir], { cwd: PROJECT_ROOT });
      const exited = new Promise<[number | null, string | null]>((resolve) =>
        c.on('exit', (code, sig) => resolve([code, sig])),
      );
      const first = await new Promise<string>((resolve) =>
        c.stdout.once('data', (d: Buffer) => resolve(String(d))),
      );
      expect(JSON.parse(first.split('\n')[0]!)).toMatchObject({ phase: expect.any(String), waiting: 0 });
      c.kill('SIGTERM');
      expect(await exited, `stop ${i + 1}`).toEqual([0, null]);
    }
  });

  it('the loop whose reader goes away stops by itself at its next status line: said, exit 1', async () => {
    const dir = provisionedNowhere('cli-sync-reader-gone');
    // A record waiting, and no BMET there: the phase changes at each try, a status line each time.
    const store = openStore({ dataDir: dir });
    store.logVerdict(fakeVerdict(1), 'QR1', Date.now(), 'OF-1');
    store.close();
    const c = spawn(process.execPath, [CLI, 'sync', '--data-dir', dir], { cwd: PROJECT_ROOT });
    let stderr = '';
    c.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const exited = new Promise<[number | null, string | null]>((resolve) =>
      c.on('exit', (code, sig) => resolve([code, sig])),
    );
    c.stdout.once('data', () => c.stdout.destroy()); // `sync | head -1`
    expect(await exited).toEqual([1, null]);
    expect(stderr).toMatch(/stdout could not be written \(EPIPE: its reader went away\)/);
    expect(stderr).not.toMatch(/Unhandled|\n\s+at /);
  });

  it('without provisioning it says so (exit 1)', async () => {
    const dir = tempDataDir('cli-sync-none');
    dirs.push(dir);
    openStore({ dataDir: dir }).close();
    const r = await cli(['sync', '--once', '--server', 'http://127.0.0.1:9', '--data-dir', dir]);
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ ok: false, code: 'SYNC_NOT_PROVISIONED' });
    // The command line says how (the screens, on a machine with no command line, say only what is missing).
    expect(out.message).toMatch(/^no kiosk id is set: run 'provision --kiosk-id ID --server URL' first/);
  });
});
