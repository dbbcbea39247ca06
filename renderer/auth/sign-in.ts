/**
 * Sign-in on the screens: `watchSession` keeps the screen's idea of who is signed in (main
 * decides; this only asks, and asking is not activity), and `signInForm` is the compact
 * id + numeric PIN form in both languages, with the lock-out's minutes left.
 */
import type { KioskApi } from '../../main/contract/api.ts';
import { PIN_RE, STAFF_ID_RE, type SessionInfo } from '../../main/contract/staff.ts';
import { API_ERROR_WORDS, SIGN_IN_WORDS as S, type Words } from '../../main/contract/words.ts';
import { bi, h, handled, inBackground, num } from '../dom.ts';
import { typeByPhysicalKey } from './physical-keys.ts';
import { pinPad } from './pin-pad.ts';

/** How often the screen asks main who is signed in, so an idle sign-out shows without a call. */
const SESSION_POLL_MS = 30_000;

export interface SessionWatch {
  readonly current: SessionInfo | null;
  /** Asks main again and tells the listeners if it changed. */
  refresh(): Promise<void>;
  /** Main said so in a reply (login): no need to ask. */
  set(s: SessionInfo | null): void;
  signOut(): Promise<void>;
  /** A supervisor or technician leaves their screen: their session ends, the officer's (if any) is this screen's again. */
  leave(): Promise<void>;
  /** How many times a screen was left (leave called): a sign-in answered after a later leave came too late for its screen. */
  readonly leaves: number;
  onChange(listener: (s: SessionInfo | null) => void): void;
}

/** The desk's officer at this screen: the officer signed in, or the one a supervisor or technician signed in over. */
export function deskOfficerOf(s: SessionInfo | null): { personId: string; name: string } | null {
  if (!s) return null;
  return s.role === 'officer' ? { personId: s.personId, name: s.name } : (s.desk ?? null);
}

export function watchSession(kiosk: KioskApi): SessionWatch {
  let current: SessionInfo | null = null;
  let leaves = 0;
  const listeners = new Set<(s: SessionInfo | null) => void>();
  const same = (a: SessionInfo | null, b: SessionInfo | null) => JSON.stringify(a) === JSON.stringify(b);
  const set = (s: SessionInfo | null) => {
    if (same(s, current)) return;
    current = s;
    for (const l of listeners) l(s);
  };
  const watch: SessionWatch = {
    get current() {
      return current;
    },
    async refresh() {
      const r = await kiosk.session();
      if (r.ok) set(r.value);
    },
    set,
    async signOut() {
      await kiosk.logout();
      // A supervisor or technician signing out leaves the officer beneath them signed in.
      const r = await kiosk.session();
      set(r.ok ? r.value : null);
    },
    get leaves() {
      return leaves;
    },
    async leave() {
      leaves++;
      if (!current || current.role === 'officer') return;
      const r = await kiosk.leaveScreen();
      set(r.ok ? r.value : null);
    },
    onChange: (l) => void listeners.add(l),
  };
  setInterval(() => inBackground(watch.refresh()), SESSION_POLL_MS);
  return watch;
}

/** "N minutes …" in each language, Bangla digits in Bangla. */
function minutesLeft(n: number): Words {
  return { bn: `${num(n).bn} ${S.minutesLeft.bn}`, en: `${n} ${S.minutesLeft.en}` };
}

/**
 * The sign-in form: id, PIN (digits only, hidden) and a button, both fields typed by physical
 * key whatever the keyboard layout, and an on-screen PIN pad for touch screens. On success it
 * hands the session to `watch`; a refusal or lock-out is shown beside it.
 */
export function signInForm(
  kiosk: KioskApi,
  watch: SessionWatch,
  testid: string,
  /** The desk's own form: officers only (main turns a supervisor or technician away to their screen). */
  opts: { deskOnly?: boolean } = {},
): HTMLFormElement {
  const id = h('input', {
    type: 'text',
    class: 'si-id',
    name: 'id',
    autocomplete: 'off',
    spellcheck: 'false',
    autocapitalize: 'characters',
    maxlength: '32',
    placeholder: `${S.id.bn} / ${S.id.en}`,
    'aria-label': `${S.id.bn} / ${S.id.en}`,
    'data-testid': `${testid}-id`,
  });
  const pin = h('input', {
    type: 'password',
    class: 'si-pin',
    name: 'pin',
    inputmode: 'numeric',
    pattern: '[0-9]*',
    autocomplete: 'off',
    maxlength: '12',
    placeholder: `${S.pin.bn} / ${S.pin.en}`,
    'aria-label': `${S.pin.bn} / ${S.pin.en}`,
    'data-testid': `${testid}-pin`,
  });
  const button = h('button', { type: 'submit', 'data-testid': `${testid}-submit` }, bi(S.signIn));
  const message = h('div', {
    class: 'si-message',
    role: 'status',
    'aria-live': 'polite',
    'data-testid': `${testid}-message`,
  });
  const form = h('form', { class: 'sign-in', 'data-testid': testid, 'data-own-focus': '' }, id, pin);
  const pad = pinPad(pin, form, testid);
  form.append(pad.toggle, button, message, pad.pad);
  // Typed by physical key, so a Bangla layout types the ID and PIN it would on a US keyboard.
  typeByPhysicalKey(id, /^[A-Za-z0-9._-]$/);
  typeByPhysicalKey(pin, /^\d$/);

  // Only digits reach the PIN field, whatever the keyboard layout types.
  pin.addEventListener('input', () => {
    const digits = pin.value.replace(/\D/g, '');
    if (digits !== pin.value) pin.value = digits;
  });

  const say = (w: Words | null, kind = '', extra: Words | null = null) => {
    message.className = `si-message ${kind}`.trim();
    message.dataset.kind = kind;
    message.replaceChildren(
      ...(w ? [bi(w)] : []),
      ...(extra ? [h('strong', { class: 'si-minutes', 'data-testid': `${testid}-minutes` }, bi(extra))] : []),
    );
  };

  form.addEventListener(
    'submit',
    handled(async (e: SubmitEvent) => {
      e.preventDefault();
      const who = id.value.trim();
      if (!STAFF_ID_RE.test(who)) return say(S.badId, 'bad');
      if (!PIN_RE.test(pin.value)) return say(S.badPin, 'bad');
      button.disabled = true;
      say(S.checking);
      const left = watch.leaves;
      const r = await kiosk.login({ id: who, pin: pin.value, ...(opts.deskOnly ? { deskOnly: true } : {}) });
      button.disabled = false;
      pin.value = '';
      if (!r.ok) return say(API_ERROR_WORDS[r.error.code], 'bad');
      const v = r.value;
      if (v.signedIn) {
        id.value = '';
        say(null);
        watch.set(v.session);
        // The PIN is checked off main's event loop, so the answer can come after the person has
        // gone back to the desk: a supervisor's or technician's session for a screen already left
        // ends now, as leaving would have ended it (else it would wait, signed in, behind the desk).
        if (v.session.role !== 'officer' && watch.leaves !== left) await watch.leave();
      } else if (v.reason === 'locked') say(S.locked, 'locked', minutesLeft(v.minutesLeft));
      else
        say(
          v.reason === 'unavailable'
            ? S.unavailable
            : v.reason === 'wrong-screen'
              ? S.wrongScreen
              : S.refused,
          'bad',
        );
    }),
  );
  return form;
}
