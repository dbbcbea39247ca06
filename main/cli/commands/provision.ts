/**
 * `provision --kiosk-id ID [--server URL] [--ca FILE]`: makes the device key once and
 * stores id and server (https, or http to loopback only) and BMET's own CA certificate.
 */
import { X509Certificate } from 'node:crypto';
import { DeviceKeyError, ensureDeviceKey, KIOSK_ID_RE, SERVER_SETTING } from '../../core/device/identity.ts';
import { installCaFile, readCaFile } from '../../core/sync/tls.ts';
import { defaultDataDir, ensureDataDir } from '../../core/store/data-dir.ts';
import { openStore } from '../../core/store/store.ts';
import { EXIT, FailedError, RefusedError, UsageError } from '../exit-codes.ts';
import { parseCommandArgs, serverFrom, sharedFrom } from '../options.ts';

export async function runProvision(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    'kiosk-id': { type: 'string' },
    server: { type: 'string' },
    ca: { type: 'string' },
  });
  const opts = sharedFrom(values);
  if (positionals.length) throw new UsageError('provision takes no positional arguments');
  const kioskId = values['kiosk-id'] as string | undefined;
  if (!kioskId || !KIOSK_ID_RE.test(kioskId))
    throw new UsageError('--kiosk-id wants an id like DAC-T1-D07 (capital letters, digits, dashes)');
  const server = serverFrom(values.server);
  // BMET's own CA: checked before anything changes, copied into the data dir below.
  const caFile = values.ca === undefined ? null : String(values.ca);
  if (caFile !== null) {
    const ca = readCaFile(caFile);
    if (!ca.ok) throw new RefusedError(ca.why, ca.code);
  }
  const dataDir = opts.dataDir ?? defaultDataDir();
  ensureDataDir(dataDir);
  const store = openStore({ dataDir });
  try {
    // A key registered with BMET stands for one kiosk id: provisioning again may change
    // the server, never the id. No file was given, so this is not a refusal (3) but exit 1.
    const existingId = store.kioskId();
    if (existingId && existingId !== kioskId) {
      throw new FailedError(
        `this kiosk is already provisioned as ${existingId}; its device key is never replaced`,
        'DEVICE_ALREADY_PROVISIONED',
      );
    }
    // A key that is there but cannot be used is no file given (exit 1, as another kiosk id is),
    // with its code and what to do: provisioning never replaces it.
    let key: ReturnType<typeof ensureDeviceKey>;
    try {
      key = ensureDeviceKey(dataDir);
    } catch (err) {
      if (err instanceof DeviceKeyError)
        throw new FailedError(
          `the kiosk's device key cannot be used (${err.message}); provisioning never replaces a device key: put back the kiosk's own key file (the one BMET registered), or provision a new data dir and register its key with BMET`,
          err.code,
        );
      // The system's answer (a full disk, a folder where a key file goes): coded as main codes any
      // system error, so a program still gets its {"ok":false} line (it had none: stderr alone).
      throw new FailedError(
        `the device key cannot be made in ${dataDir}: ${(err as Error).message} (the system refused what the command asked)`,
        'UNEXPECTED',
      );
    }
    if (!key.created)
      process.stderr.write('bmet-kiosk: the device key already exists; it is kept, not replaced\n');
    if (existingId !== kioskId) store.setSetting('kioskId', kioskId, opts.officer);
    if (server && store.setting(SERVER_SETTING) !== server)
      store.setSetting(SERVER_SETTING, server, opts.officer);
    if (caFile !== null) {
      const ca = installCaFile(dataDir, caFile);
      if (!ca.ok) throw new RefusedError(ca.why, ca.code);
      store.appendAudit(opts.officer, 'sync.ca', {
        source: caFile,
        certificates: ca.pems.map((pem) => new X509Certificate(pem).fingerprint256),
      });
    }
    process.stdout.write(JSON.stringify({ kioskId, publicKey: key.publicKeyPem }) + '\n');
    return EXIT.done;
  } finally {
    store.close();
  }
}
