// Test page for renderer/dom.ts: its helpers on window.__dom, and the clicks each button got.
import { h, onTap, patchChildren, placeChildren } from '../../../../renderer/dom.ts';

const clicks: string[] = [];
document.addEventListener('click', (e) => {
  const id = (e.target as Element | null)?.closest('button')?.id;
  clicks.push(id ?? `(${(e.target as Element | null)?.id || 'no button'})`);
});

Object.assign(window, { __dom: { h, onTap, patchChildren, placeChildren, clicks } });
