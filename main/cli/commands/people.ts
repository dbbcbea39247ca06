/**
 * `people list | add ID --name N --role R | disable ID | enable ID | reset ID | login ID`:
 * officers, supervisors and technicians. PINs come from --pin or, safer (not in the
 * process list), the first line of stdin. Every change is audited with the actor
 * (--technician ID, else --officer ID, else CLI).
 */
import { PeopleError, ROLES, type Role } from '../../core/store/people.ts';
import { EXIT, FailedError, UsageError } from '../exit-codes.ts';
import { parseCommandArgs, sharedFrom } from '../options.ts';
import {
  actorFrom,
  dataDirFor,
  hasDatabase,
  openReaderFor,
  openStoreFor,
  refuseNow,
} from '../store-context.ts';

const print = (o: unknown) => process.stdout.write(JSON.stringify(o) + '\n');

async function readPin(given: unknown): Promise<string> {
  if (typeof given === 'string') return given;
  let text = '';
  for await (const chunk of process.stdin) {
    text += String(chunk);
    if (text.includes('\n') || text.length > 64) break;
  }
  return text.split(/\r?\n/)[0]!.trim();
}

export async function runPeople(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    name: { type: 'string' },
    role: { type: 'string' },
    pin: { type: 'string' },
    technician: { type: 'string' },
  });
  const opts = sharedFrom(values);
  const [sub, id, ...rest] = positionals;
  if (rest.length || (sub !== 'list' && !id) || (sub === 'list' && id)) {
    throw new UsageError(
      'usage: people list | people add ID --name NAME --role officer|supervisor|technician [--pin PIN] | people disable|enable|reset|login ID [--pin PIN]',
    );
  }
  // Nothing here is a verdict: a made-up clock would only move lock-outs and audit times.
  refuseNow(opts, 'people', 'lock-outs and audit times follow the real clock');
  const actor = actorFrom(values, opts);
  // --no-log: nothing in the data dir changes (cli.md), so a list reads it as it is (an older
  // schema too) instead of opening it to write, which would migrate it and apply retention.
  if (sub === 'list' && opts.noLog) {
    if (!hasDatabase(dataDirFor(opts))) throw new FailedError(`no kiosk database in ${dataDirFor(opts)}`);
    const reader = openReaderFor(opts);
    try {
      for (const p of reader.people()) print(p);
      return EXIT.done;
    } finally {
      reader.close();
    }
  }
  const store = openStoreFor(opts);
  try {
    switch (sub) {
      case 'list':
        for (const p of store.people.list()) print(p);
        return EXIT.done;
      case 'add': {
        const role = values.role as Role;
        if (!(ROLES as readonly string[]).includes(role))
          throw new UsageError(`--role is one of ${ROLES.join(', ')}`);
        if (!values.name) throw new UsageError('people add needs --name NAME');
        print(store.people.add({ id: id!, name: values.name, role, pin: await readPin(values.pin) }, actor));
        return EXIT.done;
      }
      case 'disable':
      case 'enable':
        print(store.people.setDisabled(id!, sub === 'disable', actor));
        return EXIT.done;
      case 'reset':
        print(store.people.resetPin(id!, await readPin(values.pin), actor));
        return EXIT.done;
      case 'login': {
        const r = await store.people.login(id!, await readPin(values.pin));
        print(r.ok ? { ok: true, id: r.person.id, role: r.person.role } : r);
        return r.ok ? EXIT.done : EXIT.failure;
      }
      default:
        throw new UsageError(`people ${sub}: use list, add, disable, enable, reset or login`);
    }
  } catch (err) {
    if (err instanceof PeopleError) throw new FailedError(err.message);
    throw err;
  } finally {
    store.close();
  }
}
