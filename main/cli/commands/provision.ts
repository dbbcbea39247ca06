/** `provision --kiosk-id ID [--server URL]`: makes the device key once and stores id and server. */
import {
  ensureDeviceKey,
  KIOSK_ID_RE,
  normaliseServerUrl,
  SERVER_SETTING,
} from '../../core/device/identity.ts';
import { defaultDataDir, ensureDataDir } from '../../core/store/data-dir.ts';
import { openStore } from '../../core/store/store.ts';
import { EXIT, RefusedError, UsageError } from '../exit-codes.ts';
import { parseCommandArgs, sharedFrom } from '../options.ts';

export async function runProvision(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    'kiosk-id': { type: 'string' },
    server: { type: 'string' },
  });
  const opts = sharedFrom(values);
  if (positionals.length) throw new UsageError('provision takes no positional arguments');
  const kioskId = values['kiosk-id'] as string | undefined;
  if (!kioskId || !KIOSK_ID_RE.test(kioskId))
    throw new UsageError('--kiosk-id wants an id like DAC-T1-D07 (capital letters, digits, dashes)');
  let server: string | null = null;
  if (values.server !== undefined) {
    server = normaliseServerUrl(String(values.server));
    if (!server)
      throw new UsageError('--server wants an http:// or https:// URL without credentials or query');
  }
  const dataDir = opts.dataDir ?? defaultDataDir();
  ensureDataDir(dataDir);
  const store = openStore({ dataDir });
  try {
    // A key registered with BMET stands for one kiosk id: provisioning again may change
    // the server, never the id.
    const existingId = store.kioskId();
    if (existingId && existingId !== kioskId) {
      throw new RefusedError(
        `this kiosk is already provisioned as ${existingId}; its device key is never replaced`,
        'DEVICE_ALREADY_PROVISIONED',
      );
    }
    let key: ReturnType<typeof ensureDeviceKey>;
    try {
      key = ensureDeviceKey(dataDir);
    } catch (err) {
      throw new RefusedError(
        `the existing device key cannot be used and is not replaced: ${(err as Error).message}`,
        'DEVICE_KEY_UNREADABLE',
      );
    }
    if (!key.created)
      process.stderr.write('bmet-kiosk: the device key already exists; it is kept, not replaced\n');
    if (existingId !== kioskId) store.setSetting('kioskId', kioskId, opts.officer);
    if (server && store.setting(SERVER_SETTING) !== server)
      store.setSetting(SERVER_SETTING, server, opts.officer);
    process.stdout.write(JSON.stringify({ kioskId, publicKey: key.publicKeyPem }) + '\n');
    return EXIT.done;
  } finally {
    store.close();
  }
}
