// placeChildren in real Chromium: a redraw that lands while a button is pressed (a finger down,
// not yet up) keeps the tap when the button is placed, where replaceChildren loses it; and what
// it leaves in the element is what replaceChildren would, keeping the nodes already there.
import { describe, expect, it } from 'vitest';
import { useDomPage, type DomHarness } from './dom-page.ts';

declare const __dom: DomHarness;

describe('placeChildren in Chromium', () => {
  const pageOf = useDomPage();

  /** A box holding a name and an OK button, pressed, redrawn by `how` (the button kept), then released. */
  async function tapThroughRedraw(how: 'place' | 'replace'): Promise<string[]> {
    const page = pageOf();
    await page.evaluate(() => {
      const box = document.getElementById('box')!;
      box.replaceChildren(__dom.h('span', {}, 'Rahima'), __dom.h('button', { id: 'ok' }, 'OK'));
      __dom.clicks.length = 0;
    });
    const b = (await page.locator('#ok').boundingBox())!;
    await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2);
    await page.mouse.down();
    await page.evaluate((how) => {
      const box = document.getElementById('box')!;
      const ok = document.getElementById('ok')!;
      const name = __dom.h('span', {}, 'Rahima'); // the same width: the button stays under the pointer
      if (how === 'place') __dom.placeChildren(box, name, ok);
      else box.replaceChildren(name, ok);
    }, how);
    await page.mouse.up();
    return page.evaluate(() => [...__dom.clicks]);
  }

  it('keeps a tap on a button it keeps in place through the redraw', async () => {
    expect(await tapThroughRedraw('place')).toEqual(['ok']);
  });

  it('(why it exists) replaceChildren with the very same button loses that tap', async () => {
    // Chromium drops the click of a pressed node that left the document, even if it was put back.
    expect(await tapThroughRedraw('replace')).toEqual([]);
  });

  // Children before → children asked for; kept ones are the same nodes (named by letter).
  const CASES: { name: string; before: string[]; want: (string | null)[] }[] = [
    { name: 'empty to some', before: [], want: ['A', 'B'] },
    { name: 'some to empty', before: ['A', 'B'], want: [] },
    { name: 'a new node before a kept one', before: ['B'], want: ['A', 'B'] },
    { name: 'a kept node between new ones', before: ['x', 'B', 'y'], want: ['A', 'B', 'C'] },
    { name: 'kept nodes reordered', before: ['A', 'B', 'C'], want: ['C', 'A', 'B'] },
    { name: 'text, nulls and empty text as h() takes them', before: ['A'], want: ['hello', null, '', 'A'] },
  ];
  it.each(CASES)('$name: the same children as replaceChildren, kept nodes the same objects', async (c) => {
    const page = pageOf();
    const r = await page.evaluate(({ before, want }) => {
      const box = document.getElementById('box')!;
      // Single capitals are nodes that may be kept; anything else is new text.
      const nodes = new Map(before.filter((k) => /^[A-Z]$/.test(k)).map((k) => [k, __dom.h('b', {}, k)]));
      box.replaceChildren(...before.map((k) => nodes.get(k) ?? __dom.h('i', {}, k)));
      const asked = want.map((k) => (k && /^[A-Z]$/.test(k) ? (nodes.get(k) ?? __dom.h('b', {}, k)) : k));
      __dom.placeChildren(box, ...asked);
      const expected = document.createElement('div');
      expected.replaceChildren(
        ...asked.filter((k) => k !== null).map((k) => (typeof k === 'string' ? k : k!.cloneNode(true))),
      );
      return {
        html: box.innerHTML,
        expected: expected.innerHTML,
        kept: [...box.children].filter((el) => [...nodes.values()].includes(el as HTMLElement)).length,
      };
    }, c);
    expect(r.html).toBe(r.expected);
    expect(r.kept).toBe(c.want.filter((k) => k && c.before.includes(k) && /^[A-Z]$/.test(k)).length);
  });
});
