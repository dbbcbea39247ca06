// patchChildren in real Chromium: a card drawn anew from state on every redraw (the technician's
// sticks and sync cards) keeps the nodes already in the page, so a tap lasting through a redraw
// keeps its click and runs the newest drawing's handler; and what it leaves in the element is
// exactly the new drawing, keeping the nodes that fill the same slot (a keyed item never
// becomes another item).
import { describe, expect, it } from 'vitest';
import { useDomPage, type DomHarness } from './dom-page.ts';

declare const __dom: DomHarness;
declare const window: Window & { __ran: string[] };

describe('patchChildren in Chromium', () => {
  const pageOf = useDomPage();

  /**
   * Draws the card (a status line and an OK button whose handler names its drawing) as drawing 1,
   * presses OK, redraws it as drawing 2 by `how`, releases: the buttons clicked and the handlers run.
   * Drawing 3, if asked, has no handler on OK: tapping it then runs nothing.
   */
  async function tapThroughRedraw(how: 'patch' | 'replace', handlerIn2 = true) {
    const page = pageOf();
    await page.evaluate(() => {
      window.__ran = [];
      const box = document.getElementById('box')!;
      box.replaceChildren(
        __dom.h('span', {}, 'waiting: 3'),
        __dom.onTap(__dom.h('button', { id: 'ok' }, 'OK'), () => window.__ran.push('drawing 1')),
      );
      __dom.clicks.length = 0;
    });
    const b = (await page.locator('#ok').boundingBox())!;
    await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2);
    await page.mouse.down();
    await page.evaluate(
      ({ how, handlerIn2 }) => {
        const box = document.getElementById('box')!;
        const ok = __dom.h('button', { id: 'ok', class: 'go' }, 'OK');
        if (handlerIn2) __dom.onTap(ok, () => window.__ran.push('drawing 2'));
        // The same width: the button stays under the pointer.
        const drawing = [__dom.h('span', {}, 'waiting: 2'), ok];
        if (how === 'patch') __dom.patchChildren(box, ...drawing);
        else box.replaceChildren(...drawing);
      },
      { how, handlerIn2 },
    );
    await page.mouse.up();
    return page.evaluate(() => ({ clicks: [...__dom.clicks], ran: [...window.__ran] }));
  }

  it('keeps a tap through a redraw that draws the button anew, and runs the new drawing’s handler once', async () => {
    expect(await tapThroughRedraw('patch')).toEqual({ clicks: ['ok'], ran: ['drawing 2'] });
  });

  it('a redraw whose button has no handler leaves the kept button doing nothing', async () => {
    expect(await tapThroughRedraw('patch', false)).toEqual({ clicks: ['ok'], ran: [] });
  });

  it('(why it exists) replaceChildren with the new drawing loses that tap', async () => {
    expect(await tapThroughRedraw('replace')).toEqual({ clicks: [], ran: [] });
  });

  // The card before → the drawing asked for (each element named by data-n), and which nodes of
  // before are still in the page afterwards, as "before name→its name now".
  const CASES: { name: string; before: string; after: string; kept: string[] }[] = [
    {
      name: 'text and attributes change in place',
      before: '<p data-n="a" class="x">one</p><button data-n="b" disabled="">OK</button>',
      after: '<p data-n="a2">two</p><button data-n="b2" class="go">OK</button>',
      kept: ['a→a2', 'b→b2'],
    },
    {
      name: 'a keyed item removed before another leaves the other itself',
      before:
        '<li data-key="A" data-n="A">A <button data-n="bA">x</button></li>' +
        '<li data-key="B" data-n="B">B <button data-n="bB">x</button></li>',
      after: '<li data-key="B" data-n="B2">B <button data-n="bB2">x</button></li>',
      kept: ['B→B2', 'bB→bB2'],
    },
    {
      name: 'a keyed item added before another',
      before: '<li data-key="B" data-n="B">B</li>',
      after: '<li data-key="A" data-n="A">A</li><li data-key="B" data-n="B2">B</li>',
      kept: ['B→B2'],
    },
    {
      name: 'a keyed item never becomes another item',
      before: '<li data-key="A" data-n="A"><button data-n="bA">x</button></li>',
      after: '<li data-key="B" data-n="B"><button data-n="bB">x</button></li>',
      kept: [],
    },
    {
      name: 'another tag in the same place is new',
      before: '<p data-n="p">x</p>',
      after: '<div data-n="d">x</div>',
      kept: [],
    },
    {
      name: 'a confirm box whose waiting line becomes the preview keeps its buttons',
      before:
        '<div data-n="box"><p data-n="wait">waiting</p><span data-n="s">' +
        '<button data-n="ok" disabled="">Confirm</button><button data-n="cancel">Cancel</button></span></div>',
      after:
        '<div data-n="box2"><div data-n="prev">v7 → v8</div><span data-n="s2">' +
        '<button data-n="ok2">Confirm</button><button data-n="cancel2">Cancel</button></span></div>',
      kept: ['box→box2', 'cancel→cancel2', 'ok→ok2', 's→s2'],
    },
    { name: 'to nothing', before: '<p data-n="a">one</p>', after: '', kept: [] },
  ];
  it.each(CASES)('$name: exactly the new drawing, the kept nodes the same objects', async (c) => {
    const page = pageOf();
    const r = await page.evaluate(({ before, after }) => {
      const box = document.getElementById('box')!;
      box.innerHTML = before;
      const named = [...box.querySelectorAll('[data-n]')].map(
        (el) => [el.getAttribute('data-n')!, el] as const,
      );
      const drawing = document.createElement('template');
      drawing.innerHTML = after;
      __dom.patchChildren(box, ...drawing.content.childNodes);
      return {
        html: box.innerHTML,
        kept: named
          .filter(([, el]) => box.contains(el))
          .map(([was, el]) => `${was}→${el.getAttribute('data-n')}`)
          .sort(),
      };
    }, c);
    expect(r.html).toBe(c.after);
    expect(r.kept).toEqual(c.kept);
  });
});
