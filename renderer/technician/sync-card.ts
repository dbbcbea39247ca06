/** The technician's cards of sync with BMET (state, waiting records, last error, the alert and its resume) and of the clock (the kiosk's time, its skew from BMET's). */
import type { SyncStatus } from '../../main/contract/sync.ts';
import {
  API_ERROR_WORDS,
  RETENTION_WORDS,
  SYNC_WORDS,
  TECH_WORDS as T,
  type Words,
} from '../../main/contract/words.ts';
import { bi, detail, h, labelled, num, onTap, patchChildren, when } from '../dom.ts';
import { row, type TechState } from './common.ts';

/** Whole seconds, server clock minus kiosk clock (never "-0"). */
const seconds = (ms: number) => Math.round(ms / 1000) || 0;

const PHASE: Record<SyncStatus['phase'], Words> = {
  idle: T.phaseIdle,
  sending: T.phaseSending,
  waiting: T.phaseWaiting,
  stopped: T.phaseStopped,
  off: T.phaseOff,
};

export function renderSync(
  box: HTMLElement,
  st: TechState,
  a: { canResume(): boolean; resume(): void },
): void {
  const s = st.status?.sync ?? null;
  if (!s) {
    patchChildren(box, h('h2', {}, bi(T.sync)), h('p', { class: 'muted' }, bi(T.syncOff)));
    return;
  }
  const at = (iso: string | null) => (iso ? bi(when(iso)) : bi(T.never));
  const resumeBtn = h(
    'button',
    { type: 'button', class: 'act go', 'data-testid': 'resume-sync' },
    bi(T.resume),
  );
  resumeBtn.toggleAttribute('disabled', !a.canResume());
  onTap(resumeBtn, () => a.resume());
  // Patched, not replaced: Resume stays in the page through every redraw (status events come often).
  patchChildren(
    box,
    h('h2', {}, bi(T.sync)),
    h(
      'dl',
      {},
      ...row(T.phase, bi(PHASE[s.phase]), 'tech-sync-phase'),
      ...row(T.kiosk, h('span', { class: 'mono' }, s.kioskId ?? '—')),
      ...row(T.server, h('span', { class: 'mono' }, s.server ?? '—')),
      ...row(T.waiting, h('strong', { 'data-testid': 'tech-sync-waiting' }, String(s.waiting))),
      ...row(T.lastSuccess, at(s.lastSuccessAt), 'tech-sync-last-success'),
      ...row(T.nextAttempt, at(s.nextAttemptAt)),
      ...row(
        T.lastError,
        s.lastError
          ? h(
              'span',
              { 'data-code': s.lastError.code },
              bi(SYNC_WORDS[s.lastError.code]),
              h('span', { class: 'code' }, s.lastError.code),
              detail(s.lastError.message, 'tech-sync-error-detail'),
            )
          : bi(T.none),
        'tech-sync-last-error',
      ),
    ),
    s.alert
      ? h(
          'div',
          { class: 'talert', 'data-testid': 'tech-sync-alert', 'data-code': s.alert.code },
          h('strong', {}, bi(T.alert)),
          bi(SYNC_WORDS[s.alert.code]),
          h('span', { class: 'code' }, s.alert.code),
          detail(s.alert.message, 'tech-sync-alert-detail'),
          resumeBtn,
          st.resumeError
            ? h(
                'div',
                { class: 'tbad', 'data-code': st.resumeError.code },
                bi(API_ERROR_WORDS[st.resumeError.code]),
                h('span', { class: 'code' }, st.resumeError.code),
                detail(st.resumeError.message),
              )
            : '',
        )
      : '',
  );
}

export function renderClock(box: HTMLElement, st: TechState): void {
  const s = st.status;
  const skew = s?.sync?.clockSkewMs ?? null;
  const flagged = s?.sync?.clockSkewFlagged === true;
  box.replaceChildren(
    h('h2', {}, bi(T.clock)),
    h(
      'dl',
      {},
      ...row(T.kioskTime, s ? bi(when(s.now)) : ''),
      ...row(
        T.skew,
        skew === null
          ? bi(T.skewUnknown)
          : h(
              'span',
              { class: flagged ? 'tbad' : '', 'data-testid': 'tech-skew', 'data-flagged': String(flagged) },
              bi({
                bn: `${num(seconds(skew)).bn} ${T.seconds.bn}`,
                en: `${seconds(skew)} ${T.seconds.en}`,
              }),
            ),
      ),
    ),
    flagged
      ? h('div', { class: 'talert', 'data-code': 'SYNC_CLOCK_SKEW' }, bi(SYNC_WORDS.SYNC_CLOCK_SKEW))
      : '',
    // Personal data waits past its period while the clock is in doubt: say so where the clock is set.
    s?.retention
      ? h(
          'div',
          { class: 'talert', 'data-testid': 'tech-retention-alert', 'data-code': s.retention.code },
          h('strong', {}, bi(T.retentionSkipped)),
          bi(RETENTION_WORDS[s.retention.code]),
          h('span', { class: 'code' }, s.retention.code),
          h('div', { class: 'why' }, bi(labelled(T.retentionSince, when(s.retention.at)))),
          h('div', {}, bi(T.retentionAfter)),
        )
      : '',
  );
}
