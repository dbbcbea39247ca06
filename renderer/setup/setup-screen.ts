/**
 * `mountSetupIfNeeded`: the technician's first-boot setup screen, shown over every other
 * screen while main says this kiosk waits for setup. Steps: the one-time setup code with
 * the technician's id, name and new PIN; airport and desk (the kiosk id) with the device
 * public key as a QR for BMET; BMET's address and a connection test; the first trust
 * bundle from a USB stick; finish. Main checks and audits every step.
 */
import { BarcodeFormat, EncodeHintType, QRCodeWriter } from '@zxing/library';
import type { ApiError, KioskApi } from '../../main/contract/api.ts';
import { AIRPORTS, MAX_DESK, type SetupStatus } from '../../main/contract/setup.ts';
import type { StickInfo } from '../../main/contract/technician.ts';
import {
  API_ERROR_WORDS,
  SETUP_WORDS as W,
  TRUST_REFUSAL_WORDS,
  type Words,
} from '../../main/contract/words.ts';
import { bi, h, handled, inBackground } from '../dom.ts';
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

const errorWords = (e: ApiError): Words => ({
  bn: `${API_ERROR_WORDS[e.code]?.bn ?? e.code} (${e.message})`,
  en: `${API_ERROR_WORDS[e.code]?.en ?? e.code} (${e.message})`,
});

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
  const message = h('p', { class: 'setup-message', role: 'status', 'data-testid': 'setup-message' });
  const say = (w: Words | null, bad = false) => {
    message.replaceChildren(...(w ? [bi(w)] : []));
    message.classList.toggle('bad', bad);
  };

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
    { class: 'setup-step', 'data-testid': 'setup-open' },
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
      const r = await kiosk.setupOpen({
        code: code.value.trim(),
        id: id.value.trim(),
        name: name.value,
        pin: pin.value,
      });
      pin.value = '';
      if (!r.ok) return say(errorWords(r.error), true);
      say(null);
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
    { class: 'setup-step', 'data-testid': 'setup-kiosk' },
    field(W.airport, airport),
    field(W.desk, desk),
    h('button', { type: 'submit' }, bi(W.makeKey)),
  );
  kioskForm.addEventListener(
    'submit',
    handled(async (ev: Event) => {
      ev.preventDefault();
      const r = await kiosk.setupKiosk({
        airport: airport.value as (typeof AIRPORTS)[number],
        desk: Number(desk.value),
      });
      if (!r.ok) return say(errorWords(r.error), true);
      say(null);
      await render();
    }),
  );

  // Step 3: BMET's address and a connection test.
  const url = h('input', { name: 'url', type: 'url', placeholder: 'https://', 'data-testid': 'setup-url' });
  const serverForm = h(
    'form',
    { class: 'setup-step', 'data-testid': 'setup-server' },
    field(W.server, url),
    h('button', { type: 'submit' }, bi(W.saveServer)),
  );
  /** Asks main to test the saved address (over sync's own transport), then shows what it found. */
  async function testConnection(): Promise<void> {
    const t = await kiosk.setupTestConnection();
    if (!t.ok) return say(errorWords(t.error), true);
    say(null);
    await render();
  }
  serverForm.addEventListener(
    'submit',
    handled(async (ev: Event) => {
      ev.preventDefault();
      const r = await kiosk.setupServer({ url: url.value.trim() });
      if (!r.ok) return say(errorWords(r.error), true);
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
      if (!r.ok) return say(errorWords(r.error), true);
      el.replaceChildren(
        h('h1', {}, bi(W.title)),
        h('p', { 'data-testid': 'setup-finished' }, bi(W.finished)),
      );
      // The desk beneath is the kiosk's screen from now on.
      setTimeout(() => el.remove(), 10_000);
    }),
  );

  async function installFrom(mountPoint: string, relative: string): Promise<void> {
    const r = await kiosk.installTrustFromStick({ mountPoint, relative });
    if (!r.ok) return say(errorWords(r.error), true);
    // The refusal's words, never an English reason (a refusal always carries its code).
    if (r.value.outcome === 'refused')
      return say(TRUST_REFUSAL_WORDS[r.value.code ?? 'BUNDLE_MALFORMED'], true);
    say(null);
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
    if (!r.ok) return say(errorWords(r.error), true);
    const s = r.value;
    if (s.server && !s.trust) {
      const st = await kiosk.trustSticks();
      if (st.ok) sticks = st.value;
    }
    if (!s.needed) {
      el.remove();
      return;
    }
    const parts: (Node | null)[] = [h('h1', {}, bi(W.title)), h('p', {}, bi(W.intro)), message];
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
      if (s.connection)
        parts.push(
          h(
            'p',
            { class: s.connection.ok ? 'setup-ok' : 'bad', 'data-testid': 'setup-connection' },
            bi(s.connection.ok ? W.reached : W.notReached),
            ` ${s.connection.detail}`,
          ),
        );
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
