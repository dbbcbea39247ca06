/**
 * `deskHeader`: the desk's top bar — title, DEVELOPMENT / TEST ROOTS markers, the desk's
 * officer (or the sign-in form when there is none), and the ways to the supervisor and
 * technician screens. Built once: the sign-in form keeps what is typed into it while
 * status events re-render the rest.
 */
import type { KioskApi, KioskStatus } from '../../main/contract/api.ts';
import {
  REPORT_WORDS,
  ROLE_WORDS,
  SIGN_IN_WORDS,
  TECH_WORDS,
  UI_WORDS as W,
  type Words,
} from '../../main/contract/words.ts';
import { deskOfficerOf, signInForm, type SessionWatch } from '../auth/sign-in.ts';
import { bi, h, handled, labelled, placeChildren } from '../dom.ts';
import { markers as markerPlace, modeMarkers } from '../mode-markers.ts';

export interface HeaderOptions {
  session?: SessionWatch;
  onSupervisor?: () => void;
  onTechnician?: () => void;
}

export interface DeskHeader {
  readonly el: HTMLElement;
  renderMarkers(s: KioskStatus | null): void;
  renderSession(s: KioskStatus | null): void;
}

export function deskHeader(kiosk: KioskApi, o: HeaderOptions): DeskHeader {
  const markers = markerPlace();
  const who = h('div', { class: 'who', 'data-testid': 'desk-session' });
  const signIn = o.session ? signInForm(kiosk, o.session, 'desk-sign-in', { deskOnly: true }) : null;
  const button = (words: Words, testid: string, onClick: () => void) => {
    const b = h('button', { type: 'button', class: 'top-button', 'data-testid': testid }, bi(words));
    b.addEventListener('click', onClick);
    return b;
  };
  const signOut = button(
    SIGN_IN_WORDS.signOut,
    'desk-sign-out',
    handled(async () => o.session?.signOut()),
  );
  const el = h(
    'header',
    { class: 'top' },
    h('h1', {}, bi(W.appTitle)),
    markers,
    who,
    o.onSupervisor ? button(REPORT_WORDS.open, 'open-supervisor', o.onSupervisor) : '',
    o.onTechnician ? button(TECH_WORDS.open, 'open-technician', o.onTechnician) : '',
  );

  return {
    el,
    renderMarkers(s) {
      markers.replaceChildren(...modeMarkers(s));
    },
    renderSession(s) {
      // The desk shows its officer: a supervisor or technician signed in here for their screen is not it.
      const officer = deskOfficerOf(o.session?.current ?? null);
      who.dataset.person = officer?.personId ?? '';
      // Placed, not replaced: Sign out and the sign-in form stay in the page through every status
      // event's redraw, so a tap on them is never lost (see placeChildren).
      if (officer)
        placeChildren(
          who,
          h(
            'div',
            { class: 'officer', 'data-testid': 'desk-person' },
            bi(ROLE_WORDS.officer),
            h('strong', { class: 'person' }, `${officer.personId} · ${officer.name}`),
          ),
          o.session?.current?.role === 'officer' ? signOut : '',
        );
      else if (signIn) placeChildren(who, signIn);
      else
        placeChildren(
          who,
          s ? h('div', { class: 'officer' }, bi(labelled(W.officer, { bn: s.officer, en: s.officer }))) : '',
        );
    },
  };
}
