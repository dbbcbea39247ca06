/**
 * `people list | add ID --name N --role R | disable ID | enable ID | reset ID | login ID`:
 * officers, supervisors and technicians. PINs come from --pin or, safer (not in the
 * process list), the first line of stdin. Every change is audited with the actor
 * (--technician ID, else --officer ID, else CLI).
 */
import type { CliOwnCode } from '../../contract/cli-codes.ts';
import { isSqliteError, storeErrorFrom } from '../../core/store/errors.ts';
import { checkNewPerson, PeopleError, ROLES, type NewPerson, type Role } from '../../core/store/people.ts';
import { EXIT, FailedError, UsageError } from '../exit-codes.ts';
import { chunksOf, InputReadError, stdinStream } from '../input.ts';
import { madeHere } from '../made-here.ts';
import { subcommandOf } from '../usage.ts';
import { parseCommandArgs, sharedFrom, type SharedOptions } from '../options.ts';
import {
  actorFrom,
  dataDirFor,
  hasDatabase,
  openReaderFor,
  openStoreFor,
  refuseNow,
  requireDatabase,
} from '../store-context.ts';

const SUBCOMMANDS = ['list', 'add', 'disable', 'enable', 'reset', 'login'] as const;

const print = (o: unknown) => process.stdout.write(JSON.stringify(o) + '\n');

/** A person refused, by why: the code on stdout's {"ok":false} line. */
const PERSON_CODES = {
  invalid: 'PERSON_INVALID',
  exists: 'PERSON_EXISTS',
  unknown: 'PERSON_UNKNOWN',
} as const satisfies Record<PeopleError['reason'], CliOwnCode>;

async function readPin(given: unknown): Promise<string> {
  if (typeof given === 'string') return given;
  let text = '';
  try {
    for await (const chunk of chunksOf(stdinStream())) {
      text += String(chunk);
      if (text.includes('\n') || text.length > 64) break;
    }
  } catch (err) {
    // A stdin that cannot be read (a folder) is no empty PIN: say so, as verify does.
    if (!(err instanceof InputReadError)) throw err;
    throw new FailedError(`stdin could not be read for the PIN: ${err.message}`, 'INPUT_UNREADABLE');
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
  const [given, id, ...rest] = positionals;
  const sub = subcommandOf('people', SUBCOMMANDS, given);
  if (rest.length || (sub !== 'list' && !id) || (sub === 'list' && id)) {
    throw new UsageError(
      'usage: people list | people add ID --name NAME --role officer|supervisor|technician [--pin PIN] | people disable|enable|reset|login ID [--pin PIN]',
    );
  }
  // Nothing here is a verdict: a made-up clock would only move lock-outs and audit times.
  refuseNow(opts, 'people', 'lock-outs and audit times follow the real clock');
  const actor = actorFrom(values, opts);
  const role = values.role as Role;
  if (sub === 'add' && !(ROLES as readonly string[]).includes(role))
    throw new UsageError(
      `--role is one of ${ROLES.join(', ')}`,
      role === undefined ? undefined : 'PERSON_INVALID',
    );
  if (sub === 'add' && !values.name) throw new UsageError('people add needs --name NAME');
  // Only add may make a kiosk database (a new kiosk's first person, said on stderr): the others work
  // on people who must be there already, so a data dir without one is a wrong --data-dir, refused as
  // report and log refuse it, not a new, empty database made where a typo pointed.
  const fresh = sub === 'add' && !hasDatabase(dataDirFor(opts));
  if (sub !== 'add') requireDatabase(opts);
  // --no-log: nothing in the data dir changes (cli.md), so a list reads it as it is (an older
  // schema too) instead of opening it to write, which would migrate it and apply retention.
  if (sub === 'list' && opts.noLog) {
    const reader = openReaderFor(opts);
    try {
      for (const p of reader.people()) print(p);
      return EXIT.done;
    } finally {
      reader.close();
    }
  }
  // What a failed first add made (the store makes folders and the database before the add can be
  // refused: a new development data dir's demo accounts hold the id) is taken away again.
  const made = fresh ? madeHere(dataDirFor(opts)) : null;
  try {
    let person: NewPerson | null = null;
    if (sub === 'add') {
      // Checked before anything is opened or made: a wrong PIN or id makes no database.
      person = { id: id!, name: values.name!, role, pin: await readPin(values.pin) };
      checkNewPerson(person);
    }
    return await change(sub, { id: id!, person, pin: values.pin, opts, actor, fresh });
  } catch (err) {
    made?.undo();
    // An id, name, role or PIN no person may have is what the caller gave (on the command line or
    // stdin): a usage error, exit 2, with its code. One there already, or no one, is the data dir's: 1.
    if (err instanceof PeopleError && err.reason === 'invalid')
      throw new UsageError(err.message, 'PERSON_INVALID');
    if (err instanceof PeopleError) throw new FailedError(err.message, PERSON_CODES[err.reason]);
    throw err;
  }
}

/** Opens the store to write and does `sub`; the store is closed when it returns or throws. */
async function change(
  sub: (typeof SUBCOMMANDS)[number],
  o: {
    id: string;
    person: NewPerson | null;
    pin: unknown;
    opts: SharedOptions;
    actor: string;
    fresh: boolean;
  },
): Promise<number> {
  const { id, person, pin, opts, actor, fresh } = o;
  const store = openStoreFor(opts);
  try {
    switch (sub) {
      case 'list':
        for (const p of store.people.list()) print(p);
        return EXIT.done;
      case 'add': {
        print(store.people.add(person!, actor));
        if (fresh)
          process.stderr.write(
            `bmet-kiosk: there was no kiosk database in ${dataDirFor(opts)}: a new one was made for this person (check --data-dir if you meant an existing kiosk's)\n`,
          );
        return EXIT.done;
      }
      case 'disable':
      case 'enable':
        print(store.people.setDisabled(id, sub === 'disable', actor));
        return EXIT.done;
      case 'reset':
        print(store.people.resetPin(id, await readPin(pin), actor));
        return EXIT.done;
      case 'login': {
        const r = await store.people.login(id, await readPin(pin));
        print(r.ok ? { ok: true, id: r.person.id, role: r.person.role } : r);
        return r.ok ? EXIT.done : EXIT.failure;
      }
    }
  } catch (err) {
    // People's own transactions (a lock held past the wait): the store's code, naming the file.
    if (isSqliteError(err)) throw storeErrorFrom(err, store.file);
    throw err;
  } finally {
    store.close();
  }
}
