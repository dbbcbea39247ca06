// The reference BMET endpoint's command line (see server/README.md):
//   npm run bmet-server -- [serve] --port N --db FILE [--tls-key FILE --tls-cert FILE] [--kiosks FILE] [--trust FILE] [--test-api] [--fault-… VALUE]
//   npm run bmet-server -- register --db FILE --kiosk-id ID --public-key FILE
//   npm run bmet-server -- audit --db FILE --kiosk-id ID
// `serve` prints one JSON line {"url","port"} on stdout once it listens.
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { startBmetServer } from './app.ts';
import { openServerDb } from './db.ts';
import { FAULT_FLAGS, type FaultConfig } from './faults.ts';
import { publicKeyFromPem } from './protocol.ts';

const faultOptions = Object.fromEntries(
  Object.keys(FAULT_FLAGS).map((f) => [f, { type: 'string' as const }]),
);

function fail(message: string, status = 2): never {
  process.stderr.write(`bmet-server: ${message}\n`);
  process.exit(status);
}

const USAGE = `usage: npm run bmet-server -- [serve] --port N --db FILE [--host H] [--tls-key FILE --tls-cert FILE]
                        [--trust FILE] [--kiosks FILE] [--max-skew S] [--quiet] [--test-api] [--fault-… VALUE]
       npm run bmet-server -- register --db FILE --kiosk-id ID --public-key FILE
       npm run bmet-server -- audit --db FILE --kiosk-id ID
serve (the default) prints {"url","port"} on its first stdout line; audit exits 1 if the chain is broken.
fault options: ${Object.keys(FAULT_FLAGS)
  .map((f) => `--${f} VALUE`)
  .join('  ')}
See server/README.md.`;

const argv = process.argv.slice(2);
// --help before anything else: no database is opened, nothing listens.
const options = argv.includes('--') ? argv.slice(0, argv.indexOf('--')) : argv;
if (options.some((a) => a === '--help' || a === '-h')) {
  process.stdout.write(USAGE + '\n');
  process.exit(0);
}
const command = argv[0] && !argv[0].startsWith('-') ? argv.shift()! : 'serve';
let values: Record<string, string | boolean | undefined>;
try {
  ({ values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      db: { type: 'string' },
      kiosks: { type: 'string' },
      trust: { type: 'string' },
      'tls-key': { type: 'string' },
      'tls-cert': { type: 'string' },
      'test-api': { type: 'boolean' },
      'max-skew': { type: 'string' },
      quiet: { type: 'boolean' },
      'kiosk-id': { type: 'string' },
      'public-key': { type: 'string' },
      ...faultOptions,
    },
  }) as { values: Record<string, string | boolean | undefined> });
} catch (err) {
  fail((err as Error).message);
}
const dbFile = values.db as string | undefined;
if (!dbFile) fail("--db FILE is required (the server's SQLite database)");

if (command === 'register') {
  const id = values['kiosk-id'] as string | undefined;
  const keyFile = values['public-key'] as string | undefined;
  if (!id || !/^[A-Z0-9][A-Z0-9-]{1,31}$/.test(id) || !keyFile)
    fail('register wants --kiosk-id ID --public-key FILE');
  const pem = fs.readFileSync(keyFile, 'utf8');
  if (!publicKeyFromPem(pem)) fail(`${keyFile} is not an Ed25519 public key (PEM, SPKI)`, 3);
  const db = openServerDb(dbFile);
  db.register(id, pem);
  db.close();
  process.stdout.write(JSON.stringify({ registered: id }) + '\n');
} else if (command === 'audit') {
  const id = values['kiosk-id'] as string | undefined;
  if (!id) fail('audit wants --kiosk-id ID');
  const db = openServerDb(dbFile);
  const a = db.audit(id);
  db.close();
  process.stdout.write(JSON.stringify(a) + '\n');
  process.exitCode = a.chainOk && a.reports.length === 0 ? 0 : 1;
} else if (command === 'serve') {
  const faults: Partial<FaultConfig> = {};
  for (const [flag, key] of Object.entries(FAULT_FLAGS)) {
    const v = values[flag];
    if (v === undefined) continue;
    (faults as Record<string, unknown>)[key] = key === 'retryAfter' ? v : Number(v);
  }
  let kiosks: { kioskId: string; publicKey: string }[] = [];
  if (values.kiosks) kiosks = JSON.parse(fs.readFileSync(values.kiosks as string, 'utf8'));
  const quiet = values.quiet === true;
  const tlsKey = values['tls-key'] as string | undefined;
  const tlsCert = values['tls-cert'] as string | undefined;
  if (!tlsKey !== !tlsCert) fail('--tls-key and --tls-cert go together');
  try {
    const s = await startBmetServer({
      db: dbFile,
      port: values.port ? Number(values.port) : 0,
      host: (values.host as string | undefined) ?? '127.0.0.1',
      testApi: values['test-api'] === true,
      faults,
      kiosks,
      ...(values.trust ? { trustFile: values.trust as string } : {}),
      ...(tlsKey && tlsCert ? { tls: { key: fs.readFileSync(tlsKey), cert: fs.readFileSync(tlsCert) } } : {}),
      ...(values['max-skew'] ? { maxSkewMs: Number(values['max-skew']) * 1000 } : {}),
      log: quiet ? () => {} : undefined,
    });
    process.stdout.write(JSON.stringify({ url: s.url, port: s.port }) + '\n');
    const shutdown = () => {
      s.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.on('SIGTERM', shutdown);
    process.on('SIGINT', shutdown);
  } catch (err) {
    fail((err as Error).message, 1);
  }
} else fail(`unknown command '${command}' (serve, register, audit)`);
