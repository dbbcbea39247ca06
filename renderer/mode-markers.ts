/**
 * `modeMarkers`: the DEVELOPMENT and TEST ROOTS markers every screen shows in its header (desk,
 * supervisor, technician, first-boot setup): DEVELOPMENT for a development kiosk (`start --dev`),
 * TEST ROOTS for roots named for this run (`--root`); none on a production kiosk. Each screen
 * draws them from the status it has; `markers()` is the header's place for them.
 */
import type { KioskStatus } from '../main/contract/api.ts';
import { UI_WORDS as W } from '../main/contract/words.ts';
import { bi, h } from './dom.ts';

/** The markers for a kiosk's status (none while it is not known yet). */
export function modeMarkers(s: Pick<KioskStatus, 'mode' | 'roots'> | null): HTMLElement[] {
  const out: HTMLElement[] = [];
  if (s?.mode === 'development')
    out.push(h('div', { class: 'dev-marker', 'data-testid': 'dev-marker' }, bi(W.development)));
  if (s?.roots === 'command-line')
    out.push(
      h('div', { class: 'dev-marker test', 'data-testid': 'test-roots-marker' }, bi(W.commandLineRoots)),
    );
  return out;
}

/** A header's place for the markers, filled now and again with `modeMarkers`. */
export function markers(s: Pick<KioskStatus, 'mode' | 'roots'> | null = null): HTMLElement {
  return h('div', { class: 'markers' }, ...modeMarkers(s));
}
