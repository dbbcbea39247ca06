/** Tiny DOM helpers: `h` builds elements (text is always text, never HTML), `bi` a Bangla + English pair. */
import { UI_WORDS, type Words } from '../main/contract/words.ts';

type Child = Node | string | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

/**
 * `parent.replaceChildren(...children)` for a redraw that keeps some nodes (a button, a form made
 * once): nodes already there stay where they are, never taken out and put back. Chromium drops the
 * click of a pressed button that leaves the document even for a moment, so a redraw landing between
 * a finger going down and coming up (a status event, an answer arriving) would lose the tap.
 */
export function placeChildren(parent: Element, ...children: Child[]): void {
  const want = children
    .filter((c): c is Node | string => c !== null && c !== undefined && c !== false && c !== '')
    .map((c) => (typeof c === 'string' ? document.createTextNode(c) : c));
  const keep = new Set<Node>(want);
  for (const c of [...parent.childNodes]) if (!keep.has(c)) c.remove();
  let at = parent.firstChild;
  for (const n of want) {
    if (n === at) at = at.nextSibling;
    else parent.insertBefore(n, at);
  }
}

/** What a tap on an element does, kept apart from the element so a patch can hand it to the node it keeps. */
const taps = new WeakMap<Element, () => void>();

/**
 * `el.addEventListener('click', fn)` for elements drawn by `patchChildren`: a patch that keeps the
 * old node of a redrawn button hands it the new drawing's `fn` (a listener added directly would
 * stay the old drawing's, and the new one's would be thrown away with the new node).
 */
export function onTap<E extends Element>(el: E, fn: () => void): E {
  if (!taps.has(el)) el.addEventListener('click', () => taps.get(el)?.());
  taps.set(el, fn);
  return el;
}

/** Two nodes one redraw may keep as one: the same kind and tag, and the same `data-key` (a list item's identity). */
function sameSlot(old: Node, fresh: Node): boolean {
  if (old.nodeType !== fresh.nodeType) return false;
  if (!(old instanceof Element) || !(fresh instanceof Element)) return true;
  return old.tagName === fresh.tagName && old.getAttribute('data-key') === fresh.getAttribute('data-key');
}

/** Makes `kept` show what `fresh` shows: its text, attributes, tap and children (patched in turn). */
function patchNode(kept: Node, fresh: Node): void {
  if (!(kept instanceof Element) || !(fresh instanceof Element)) {
    if (kept.nodeValue !== fresh.nodeValue) kept.nodeValue = fresh.nodeValue;
    return;
  }
  for (const a of [...kept.attributes]) if (!fresh.hasAttribute(a.name)) kept.removeAttribute(a.name);
  for (const a of [...fresh.attributes])
    if (kept.getAttribute(a.name) !== a.value) kept.setAttribute(a.name, a.value);
  const tap = taps.get(fresh);
  if (tap) onTap(kept, tap);
  else taps.delete(kept);
  patchChildren(kept, ...fresh.childNodes);
}

/**
 * A redraw of a card holding buttons, drawn anew each time from state: `parent` ends up showing
 * exactly `children` (as `replaceChildren` would), but every node already there that fills the
 * same slot (same tag, same `data-key`, in order) is kept and patched, not replaced. So a button
 * the redraw still shows stays the same node in the page and a tap lasting through the redraw
 * keeps its click (see placeChildren); a list item keyed by `data-key` stays itself when items
 * before it come or go. Only attributes, text and `onTap` handlers carry over: draw with those.
 */
export function patchChildren(parent: Element, ...children: Child[]): void {
  const old = [...parent.childNodes];
  const wanted = children
    .filter((c): c is Node | string => c !== null && c !== undefined && c !== false && c !== '')
    .map((c) => (typeof c === 'string' ? document.createTextNode(c) : c));
  // Nodes handed in as themselves (a form built once) stay themselves; only the rest are matched.
  const used = new Set<Node>(wanted.filter((n) => (old as Node[]).includes(n)));
  const placed = wanted.map((fresh) => {
    if (used.has(fresh)) return fresh;
    const kept = old.find((o) => !used.has(o) && sameSlot(o, fresh));
    if (!kept) return fresh;
    used.add(kept);
    patchNode(kept, fresh);
    return kept;
  });
  placeChildren(parent, ...placed);
}

/** The same words in both languages, Bangla first; each span carries its lang for the font and screen readers. */
export function bi(w: Words, cls = ''): HTMLElement {
  return h(
    'span',
    { class: `bi ${cls}`.trim() },
    h('span', { lang: 'bn', class: 'bn' }, w.bn),
    h('span', { lang: 'en', class: 'en' }, w.en),
  );
}

/**
 * A raw message from main or a device (English, for BMET's support or a log) shown under the
 * words, marked as such: never in place of the words, never in the Bangla line.
 */
export function detail(message: string, testid = 'detail'): HTMLElement {
  return h(
    'div',
    { class: 'detail', 'data-testid': testid },
    bi(UI_WORDS.detail, 'detail-label'),
    ' ',
    h('span', { lang: 'en', class: 'detail-text' }, message),
  );
}

const SVG = 'http://www.w3.org/2000/svg';

/**
 * The verdict icons: a tick, an exclamation mark, a cross, and for a code that could not be read
 * a circling arrow (scan again); drawn, so no font needs the glyphs.
 */
export function icon(kind: 'valid' | 'warning' | 'invalid' | 'unreadable'): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 100 100');
  svg.setAttribute('class', 'icon');
  svg.setAttribute('aria-hidden', 'true');
  const add = (name: string, a: Record<string, string>) => {
    const el = document.createElementNS(SVG, name);
    for (const [k, v] of Object.entries(a)) el.setAttribute(k, v);
    svg.append(el);
  };
  const line = { stroke: 'currentColor', 'stroke-width': '11', 'stroke-linecap': 'round', fill: 'none' };
  if (kind === 'unreadable') {
    // No outer ring: it must not read as a kin of the tick and the cross.
    add('path', { d: 'M78 50 A28 28 0 1 1 64 25.8', ...line });
    add('path', { d: 'M60 8 L70 27 L50 34', ...line, 'stroke-linejoin': 'round' });
    return svg;
  }
  add('circle', { cx: '50', cy: '50', r: '46', fill: 'none', stroke: 'currentColor', 'stroke-width': '8' });
  if (kind === 'valid') add('path', { d: 'M28 52 L44 68 L73 35', ...line, 'stroke-linejoin': 'round' });
  else if (kind === 'warning') {
    add('path', { d: 'M50 24 L50 58', ...line });
    add('circle', { cx: '50', cy: '75', r: '6.5', fill: 'currentColor' });
  } else add('path', { d: 'M32 32 L68 68 M68 32 L32 68', ...line });
  return svg;
}

const dhaka = { timeZone: 'Asia/Dhaka' } as const;
/** An instant as Dhaka local time, in both languages (Bangla digits in Bangla). */
export function when(iso: string, style: 'time' | 'datetime' | 'date' = 'datetime'): Words {
  const d = new Date(iso);
  const opts: Intl.DateTimeFormatOptions =
    style === 'time'
      ? { ...dhaka, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }
      : style === 'date'
        ? { ...dhaka, dateStyle: 'medium' }
        : { ...dhaka, dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23' };
  return { bn: d.toLocaleString('bn-BD', opts), en: d.toLocaleString('en-GB', opts) };
}

/** A country code as names in both languages (the code itself when the browser has no name for it). */
export function country(code: string): Words {
  const name = (lang: string) => {
    try {
      return new Intl.DisplayNames([lang], { type: 'region' }).of(code) ?? code;
    } catch {
      return code;
    }
  };
  return { bn: name('bn'), en: name('en') };
}

/** "label: value" in each language, so a line reads in one language at a time. */
export function labelled(label: Words, value: Words): Words {
  return { bn: `${label.bn}: ${value.bn}`, en: `${label.en}: ${value.en}` };
}

export function num(n: number): Words {
  return { bn: n.toLocaleString('bn-BD'), en: n.toLocaleString('en-GB') };
}

/**
 * Runs a screen's async step that nobody waits for (a click, a refresh). Kiosk calls answer
 * failures as values (`Reply`), so a rejection here is a bug in the screen: it is logged
 * to the console (Electron's log), never dropped unseen.
 */
export function inBackground(task: Promise<unknown>): void {
  task.catch((err: unknown) => console.error('bmet-kiosk screen:', err));
}

/** An async event handler for `addEventListener`: runs it in the background (see `inBackground`). */
export function handled<A extends unknown[]>(fn: (...args: A) => Promise<unknown>): (...args: A) => void {
  return (...args) => inBackground(fn(...args));
}
