/**
 * `mountSetupIfNeeded`: the technician's first-boot setup screen, shown over every other
 * screen while main says this kiosk waits for setup. Steps: the one-time setup code with
 * the technician's id, name and new PIN; airport and desk (the kiosk id) with the device
 * public key as a QR for BMET; BMET's address and a connection test; the first trust
 * bundle from a USB stick; finish. Main checks and audits every step.
 */
import { BarcodeFormat, EncodeHintType, QRCodeWriter } from '@zxing/library';
import { METHODS, type ApiError, type ArgsOf, type KioskApi } from '../../main/contract/api.ts';
import { checkServerUrl } from '../../main/contract/server-url.ts';
import { AIRPORTS, MAX_DESK, SETUP_CODE_RE, type SetupStatus } from '../../main/contract/setup.ts';
import type { StickInfo } from '../../main/contract/technician.ts';
import {
  API_ERROR_WORDS,
  SETUP_WORDS as W,
  SIGN_IN_WORDS,
  SYNC_WORDS,
  TRUST_REFUSAL_WORDS,
  type Words,
} from '../../main/contract/words.ts';
import { bi, detail, h, handled, inBackground } from '../dom.ts';
import { markers } from '../mode-markers.ts';
import './setup.css';

const SVG = 'http://www.w3.org/2000/svg';

/** The public key as a QR code, drawn as SVG squares (no canvas, nothing the CSP refuses). */
function qrSvg(text: string): SVGSVGElement {
  const hints = new Map<EncodeHintType, unknown>([[EncodeHintType.MARGIN, 4]]);
  const m = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, hints);
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${m.getWidth()} ${m.getHeight()}`);
  svg.setAttribute('class', 'setup-qr');
  svg.setAttribute('shape-rendering', 'crispEdges');
  const bg = document.createElementNS(SVG, 'rect');
  for (const [k, v] of Object.entries({ width: '100%', height: '100%', fill: '#fff' })) bg.setAttribute(k, v);
  svg.append(bg);
  for (let y = 0; y < m.getHeight(); y++)
    for (let x = 0; x < m.getWidth(); x++) {
      if (!m.get(x, y)) continue;
      const r = document.createElementNS(SVG, 'rect');
      for (const [k, v] of Object.entries({
        x: String(x),
        y: String(y),
        width: '1',
        height: '1',
        fill: '#000',
      }))
        r.setAttribute(k, v);
      svg.append(r);
    }
  return svg;
}

/** What the screen says of a field its step's schema (main's own, from the contract) would refuse. */
const FIELD_WORDS: Record<string, Words> = {
  code: W.badCode,
  id: SIGN_IN_WORDS.badId,
  name: W.badName,
  pin: SIGN_IN_WORDS.badPin,
  desk: W.badDesk,
  url: W.badUrl,
};
type SetupStep = 'setupOpen' | 'setupKiosk' | 'setupServer';

/**
 * The first field of a step's argument main's schema would refuse (checked here before sending, by
 * the same schema, so the technician reads the screen's words, never the schema's message), or null.
 */
function refusedField<M extends SetupStep>(m: M, arg: ArgsOf<M>[0]): Words | null {
  const r = METHODS[m].args.safeParse([arg]);
  if (r.success) return null;
  return FIELD_WORDS[String(r.error.issues[0]?.path[1])] ?? API_ERROR_WORDS.BAD_ARGS;
}

function field(label: Words, input: HTMLInputElement | HTMLSelectElement): HTMLLabelElement {
  return h('label', { class: 'setup-field' }, bi(label), input);
}

export interface SetupScreen {
  setSticks(sticks: StickInfo[]): void;
}

/** Asks main whether setup is needed; if so, covers `root` with the setup screen until it is finished. */
export async function mountSetupIfNeeded(root: HTMLElement, kiosk: KioskApi): Promise<SetupScreen | null> {
  const first = await kiosk.setupStatus();
  if (!first.ok || !first.value.needed) return null;
  // DEVELOPMENT / TEST ROOTS over the setup too: a development kiosk must not pass for a real one.
  const status = await kiosk.status();
  const modes = markers(status.ok ? status.value : null);

  // data-own-focus: the desk's paste box beneath would otherwise take the focus back from these fields.
  const el = h('div', {
    class: 'setup',
    'data-screen': 'setup',
    'data-own-focus': '',
    role: 'dialog',
    'aria-modal': 'true',
  });
  root.append(el);
  let sticks: StickInfo[] = [];
  const message = h('div', { class: 'setup-message', role: 'status', 'data-testid': 'setup-message' });
  /** Shows the screen's words (each a line, both languages), or clears the message. */
  const say = (words: Words[], bad = false, extra: Node | null = null) => {
    message.replaceChildren(...words.map((w) => h('p', {}, bi(w))), ...(extra ? [extra] : []));
    message.classList.toggle('bad', bad);
  };
  /** Main's refusal: its code's words, and main's own message only as a marked detail. */
  const refused = (e: ApiError) => say([API_ERROR_WORDS[e.code]], true, detail(e.message, 'setup-detail'));

  // Step 1: the setup code opens setup and makes the technician's account.
  const code = h('input', {
    name: 'code',
    inputmode: 'numeric',
    autocomplete: 'off',
    'data-testid': 'setup-code',
  });
  const id = h('input', { name: 'id', autocomplete: 'off', 'data-testid': 'setup-id' });
  const name = h('input', { name: 'name', autocomplete: 'off', 'data-testid': 'setup-name' });
  const pin = h('input', { name: 'pin', type: 'password', inputmode: 'numeric', 'data-testid': 'setup-pin' });
  const openForm = h(
    'form',
    // novalidate: the screen checks each field itself and says so in both languages; the browser's
    // own bubbles are in English only.
    { class: 'setup-step', 'data-testid': 'setup-open', novalidate: '' },
    field(W.code, code),
    field(W.techId, id),
    field(W.techName, name),
    field(W.pin, pin),
    h('button', { type: 'submit' }, bi(W.open)),
  );
  openForm.addEventListener(
    'submit',
    handled(async (ev: Event) => {
      ev.preventDefault();
      const arg = { code: code.value.trim(), id: id.value.trim(), name: name.value, pin: pin.value };
      // A mistyped code is said at once, not sent: main would count it as a wrong code.
      const bad = SETUP_CODE_RE.test(arg.code) ? refusedField('setupOpen', arg) : W.badCode;
      if (bad) return say([bad], true);
      const r = await kiosk.setupOpen(arg);
      pin.value = '';
      if (!r.ok) return refused(r.error);
      say([]);
      await render();
    }),
  );

  // Step 2: airport and desk → kiosk id, device key and its QR.
  const airport = h('select', { name: 'airport', 'data-testid': 'setup-airport' });
  for (const a of AIRPORTS) airport.append(h('option', { value: a }, a));
  const desk = h('input', {
    name: 'desk',
    type: 'number',
    min: '1',
    max: String(MAX_DESK),
    'data-testid': 'setup-desk',
  });
  const kioskForm = h(
    'form',
    { class: 'setup-step', 'data-testid': 'setup-kiosk', novalidate: '' },
    field(W.airport, airport),
    field(W.desk, desk),
    h('button', { type: 'submit' }, bi(W.makeKey)),
  );
  kioskForm.addEventListener(
    'submit',
    handled(async (ev: Event) => {
      ev.preventDefault();
      const arg = { airport: airport.value as (typeof AIRPORTS)[number], desk: Number(desk.value) };
      const bad = refusedField('setupKiosk', arg);
      if (bad) return say([bad], true);
      const r = await kiosk.setupKiosk(arg);
      if (!r.ok) return refused(r.error);
      say([]);
      await render();
    }),
  );

  // Step 3: BMET's address and a connection test.
  const url = h('input', { name: 'url', type: 'url', placeholder: 'https://', 'data-testid': 'setup-url' });
  const serverForm = h(
    'form',
    { class: 'setup-step', 'data-testid': 'setup-server', novalidate: '' },
    field(W.server, url),
    h('button', { type: 'submit' }, bi(W.saveServer)),
  );
  /** Asks main to test the saved address (over sync's own transport), then shows what it found. */
  async function testConnection(): Promise<void> {
    const t = await kiosk.setupTestConnection();
    if (!t.ok) return refused(t.error);
    say([]);
    await render();
  }
  serverForm.addEventListener(
    'submit',
    handled(async (ev: Event) => {
      ev.preventDefault();
      const arg = { url: url.value.trim() };
      // The same rule main holds an address to (https, or http to this machine only), said in words.
      const checked = checkServerUrl(arg.url);
      const bad =
        refusedField('setupServer', arg) ??
        (checked.ok ? null : checked.code === 'SYNC_INSECURE_URL' ? SYNC_WORDS.SYNC_INSECURE_URL : W.badUrl);
      if (bad) return say([W.notSaved, bad], true);
      const r = await kiosk.setupServer(arg);
      if (!r.ok) return refused(r.error);
      await testConnection();
    }),
  );
  // The same test again, on the saved address (BMET registered the kiosk since, the network came back).
  const testAgain = h('button', { type: 'button', 'data-testid': 'setup-test' }, bi(W.test));
  testAgain.addEventListener('click', handled(testConnection));

  const finish = h('button', { type: 'button', 'data-testid': 'setup-finish' }, bi(W.finish));
  finish.addEventListener(
    'click',
    handled(async () => {
      const r = await kiosk.setupFinish();
      if (!r.ok) return refused(r.error);
      el.replaceChildren(
        modes,
        h('h1', {}, bi(W.title)),
        h('p', { 'data-testid': 'setup-finished' }, bi(W.finished)),
      );
      // The desk beneath is the kiosk's screen from now on.
      setTimeout(() => el.remove(), 10_000);
    }),
  );

  async function installFrom(mountPoint: string, relative: string): Promise<void> {
    const r = await kiosk.installTrustFromStick({ mountPoint, relative });
    if (!r.ok) return refused(r.error);
    // The refusal's words, never an English reason (a refusal always carries its code).
    if (r.value.outcome === 'refused') return say([TRUST_REFUSAL_WORDS[r.value.code]], true);
    say([]);
    await render();
  }

  function sticksPart(s: SetupStatus): HTMLElement {
    if (s.trust) return h('p', { class: 'setup-ok', 'data-testid': 'setup-trust-ok' }, bi(W.trustOk));
    const files = sticks.flatMap((st) =>
      st.files.map((f) => ({ mountPoint: st.mountPoint, relative: f.relative })),
    );
    if (files.length === 0) return h('p', {}, bi(W.noStick));
    return h(
      'ul',
      {},
      ...files.map((f) => {
        const b = h('button', { type: 'button', 'data-testid': 'setup-install' }, bi(W.install));
        b.addEventListener(
          'click',
          handled(() => installFrom(f.mountPoint, f.relative)),
        );
        return h('li', {}, h('code', {}, f.relative), ' ', b);
      }),
    );
  }

  async function render(): Promise<void> {
    const r = await kiosk.setupStatus();
    if (!r.ok) return refused(r.error);
    const s = r.value;
    if (s.server && !s.trust) {
      const st = await kiosk.trustSticks();
      if (st.ok) sticks = st.value;
    }
    if (!s.needed) {
      el.remove();
      return;
    }
    const parts: (Node | null)[] = [modes, h('h1', {}, bi(W.title)), h('p', {}, bi(W.intro)), message];
    // A reload (or the idle minutes) ends the technician's session in main while setup goes on:
    // then the code and PIN open it again (the same technician), rather than steps that would
    // all answer NOT_SIGNED_IN.
    const who = await kiosk.session();
    const signedIn = who.ok && who.value?.role === 'technician' && who.value.personId === s.technician;
    if (!s.technician || !signedIn) parts.push(openForm);
    else {
      parts.push(h('p', { 'data-testid': 'setup-technician' }, s.technician));
      parts.push(kioskForm);
      if (s.kioskId && s.publicKey)
        parts.push(
          h(
            'section',
            { class: 'setup-step', 'data-testid': 'setup-identity' },
            h('p', {}, bi(W.kioskId), ' ', h('strong', { 'data-testid': 'setup-kiosk-id' }, s.kioskId)),
            h('p', {}, bi(W.publicKey)),
            qrSvg(s.publicKey),
            h('pre', { 'data-testid': 'setup-public-key' }, s.publicKey),
          ),
        );
      if (s.kioskId) parts.push(serverForm);
      // The saved address, to correct rather than type again.
      if (s.server && !url.value) url.value = s.server;
      if (s.connection) {
        const c = s.connection;
        // Named by the address it tested: an entry refused since does not read as this answer.
        parts.push(
          h(
            'div',
            {
              class: c.ok ? 'setup-ok' : 'bad',
              'data-testid': 'setup-connection',
              'data-code': c.code ?? '',
            },
            h('p', {}, bi(c.ok ? W.reached : W.notReached)),
            c.code ? h('p', {}, bi(SYNC_WORDS[c.code])) : '',
            h('p', { class: 'setup-tested' }, bi(W.tested), ' ', h('code', {}, c.server)),
            detail(c.detail, 'setup-connection-detail'),
          ),
        );
      }
      if (s.server) parts.push(testAgain);
      if (s.server) parts.push(h('section', { class: 'setup-step' }, h('p', {}, bi(W.trust)), sticksPart(s)));
      if (s.kioskId && s.server && s.trust) parts.push(finish);
    }
    el.replaceChildren(...parts.filter((p): p is Node => p !== null));
  }

  await render();
  return {
    setSticks(next) {
      sticks = next;
      inBackground(render());
    },
  };
}
