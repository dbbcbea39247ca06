/**
 * `statusStrip`: the desk's bottom line — the trust bundle in force (expired in red), the
 * log, the input, each serial scanner (connected or not, noise dropped), sync, and the
 * connection to the kiosk service.
 */
import type { KioskStatus } from '../../main/contract/api.ts';
import type { SyncStatus } from '../../main/contract/sync.ts';
import type { ScannerState } from '../../main/contract/technician.ts';
import {
  BRIDGE_ERROR_WORDS,
  SYNC_WORDS,
  TECH_WORDS,
  UI_WORDS as W,
  type Words,
} from '../../main/contract/words.ts';
import { bi, h, labelled, num, when } from '../dom.ts';

/** A serial scanner: connected or not (with the hardware's words when it failed), and noise dropped. */
function scannerCell(sc: ScannerState): HTMLElement {
  return h(
    'span',
    {
      class: `cell ${sc.connected ? '' : 'bad'}`,
      'data-testid': 'scanner-cell',
      'data-connected': String(sc.connected),
      title: sc.configured,
    },
    bi(
      labelled(
        TECH_WORDS.scannerCell,
        sc.connected ? TECH_WORDS.scannerConnected : TECH_WORDS.scannerDisconnected,
      ),
    ),
    !sc.connected && sc.lastError ? bi(BRIDGE_ERROR_WORDS[sc.lastError.code]) : '',
    sc.noiseBytes
      ? h(
          'span',
          { class: 'note' },
          bi({
            bn: `${num(sc.noiseBytes).bn} ${TECH_WORDS.noise.bn}`,
            en: `${sc.noiseBytes} ${TECH_WORDS.noise.en}`,
          }),
        )
      : '',
  );
}

/** Sync: records waiting and the last success; an alert, a failing sync or a skewed clock in its words. */
function syncCell(sy: SyncStatus): HTMLElement {
  const problem =
    sy.alert?.code ??
    (sy.phase === 'waiting' ? sy.lastError?.code : undefined) ??
    (sy.clockSkewFlagged ? 'SYNC_CLOCK_SKEW' : undefined);
  const body: Words =
    sy.phase === 'off'
      ? TECH_WORDS.phaseOff
      : {
          bn: `${TECH_WORDS.syncWaitingShort.bn} ${num(sy.waiting).bn}${sy.lastSuccessAt ? ` · ${when(sy.lastSuccessAt, 'time').bn}` : ''}`,
          en: `${TECH_WORDS.syncWaitingShort.en} ${sy.waiting}${sy.lastSuccessAt ? ` · ${when(sy.lastSuccessAt, 'time').en}` : ''}`,
        };
  return h(
    'span',
    {
      class: `cell ${sy.alert ? 'bad' : problem ? 'warn' : ''}`,
      'data-testid': 'sync-cell',
      'data-phase': sy.phase,
      'data-waiting': String(sy.waiting),
    },
    bi(labelled(TECH_WORDS.syncCell, body)),
    problem ? h('strong', { class: 'flag', 'data-code': problem }, bi(SYNC_WORDS[problem])) : '',
  );
}

function trustCell(s: KioskStatus | null): HTMLElement {
  const t = s?.trust;
  if (!t)
    return h(
      'span',
      { class: 'cell bad', 'data-testid': 'trust-cell' },
      bi(labelled(W.trustBundle, W.noTrust)),
    );
  const expires = when(t.expiresAt, 'date');
  return h(
    'span',
    { class: `cell ${t.expired ? 'bad' : t.daysLeft < 14 ? 'warn' : ''}`, 'data-testid': 'trust-cell' },
    bi(
      labelled(W.trustBundle, {
        bn: `${W.version.bn} ${num(t.version).bn} · ${W.expires.bn} ${expires.bn}`,
        en: `${W.version.en} ${t.version} · ${W.expires.en} ${expires.en}`,
      }),
    ),
    t.expired
      ? h('strong', { class: 'flag' }, bi(W.expired))
      : t.daysLeft < 14
        ? h('strong', { class: 'flag' }, bi(W.expiresSoon))
        : '',
  );
}

export function statusStrip(): { el: HTMLElement; render(s: KioskStatus | null, connected: boolean): void } {
  const el = h('footer', { class: 'strip', 'data-testid': 'status-strip' });
  return {
    el,
    render(s, connected) {
      const logWord = !s
        ? null
        : s.log.state === 'ok'
          ? W.logOk
          : s.log.state === 'failing'
            ? W.logFailing
            : W.logOff;
      el.replaceChildren(
        trustCell(s),
        h(
          'span',
          { class: `cell ${s?.log.state === 'ok' ? '' : 'bad'}`, 'data-testid': 'log-cell' },
          logWord ? bi(labelled(W.log, logWord)) : '',
        ),
        h('span', { class: 'cell', 'data-testid': 'input-cell' }, bi(labelled(W.input, W.inputKeyboard))),
        ...(s?.scanners ?? []).map(scannerCell),
        ...(s?.sync ? [syncCell(s.sync)] : []),
        h(
          'span',
          { class: `cell ${connected ? '' : 'bad'}`, 'data-testid': 'connection-cell' },
          bi(labelled(W.connection, connected ? W.connected : W.disconnected)),
        ),
      );
    },
  };
}
