/** The technician's card of serial scanners: each scanner's state and counters, its last raw bytes, the ports the OS lists (or why it could not), USB watching. */
import { BRIDGE_ERROR_WORDS, TECH_WORDS as T } from '../../main/contract/words.ts';
import { bi, detail, h, labelled, when } from '../dom.ts';
import type { TechState } from './common.ts';

export function renderScanners(box: HTMLElement, st: TechState): void {
  const d = st.diag;
  const scanners = d?.scanners ?? [];
  box.replaceChildren(
    h('h2', {}, bi(T.scanners)),
    ...(scanners.length
      ? scanners.map((s) =>
          h(
            'div',
            {
              class: `scanner ${s.connected ? '' : 'bad'}`,
              'data-testid': 'tech-scanner',
              'data-connected': String(s.connected),
            },
            h(
              'div',
              {},
              h('strong', { class: 'mono' }, s.scanner),
              ' ',
              bi(s.connected ? T.scannerConnected : T.scannerDisconnected),
              s.path && s.path !== s.configured ? h('span', { class: 'mono muted' }, ` ${s.path}`) : '',
              s.vendorId
                ? h(
                    'span',
                    { class: 'mono muted' },
                    ` usb:${s.vendorId}:${s.productId}${s.serialNumber ? `:${s.serialNumber}` : ''}`,
                  )
                : '',
            ),
            h(
              'div',
              {},
              bi(T.counts),
              ': ',
              h(
                'span',
                { class: 'mono', 'data-testid': 'tech-scanner-counts' },
                `${s.bytesIn} · ${s.scans} · ${s.noiseBytes} · ${s.overlong} · ${s.reconnects}`,
              ),
            ),
            h(
              'div',
              {},
              bi(T.lastBytes),
              ': ',
              h('code', { class: 'hex', 'data-testid': 'tech-last-bytes' }, s.lastBytesHex || '—'),
            ),
            s.lastError
              ? h(
                  'div',
                  { class: 'tbad', 'data-code': s.lastError.code },
                  bi(BRIDGE_ERROR_WORDS[s.lastError.code]),
                  h('span', { class: 'code' }, s.lastError.code),
                  detail(s.lastError.message),
                )
              : '',
          ),
        )
      : [h('p', { class: 'muted' }, bi(d?.scannerFolder ? T.noScannerPlugged : T.noScanners))]),
    // The appliance opens every scanner udev links into this folder: say where it looks, and why it cannot.
    d?.scannerFolder
      ? h(
          'div',
          { 'data-testid': 'tech-scanner-folder' },
          bi(T.scannerFolder),
          ': ',
          h('span', { class: 'mono' }, d.scannerFolder.dir),
          d.scannerFolder.lastError
            ? h(
                'div',
                { class: 'tbad', 'data-code': d.scannerFolder.lastError.code },
                bi(BRIDGE_ERROR_WORDS[d.scannerFolder.lastError.code]),
                h('span', { class: 'code' }, d.scannerFolder.lastError.code),
                detail(d.scannerFolder.lastError.message),
              )
            : '',
        )
      : '',
    h(
      'h3',
      {},
      bi(T.ports),
      d?.portsListedAt
        ? h('span', { class: 'muted small' }, ` ${T.listedAt.en} ${when(d.portsListedAt, 'time').en}`)
        : '',
    ),
    // A failed listing is not "no ports": say it failed, with its code and why.
    d?.portsError
      ? h(
          'div',
          { class: 'tbad', 'data-testid': 'tech-ports-error', 'data-code': d.portsError.code },
          bi(BRIDGE_ERROR_WORDS[d.portsError.code]),
          h('span', { class: 'code' }, d.portsError.code),
          detail(d.portsError.message),
        )
      : d && d.ports.length
        ? h(
            'table',
            { class: 'ttable', 'data-testid': 'tech-ports' },
            h(
              'tbody',
              {},
              ...d.ports.map((p) =>
                h(
                  'tr',
                  {},
                  h('td', { class: 'mono' }, p.path),
                  h('td', { class: 'mono' }, p.vendorId ? `${p.vendorId}:${p.productId}` : ''),
                  h('td', { class: 'mono' }, p.serialNumber ?? ''),
                  h('td', {}, p.manufacturer ?? ''),
                  h('td', { class: 'mono small' }, p.byId.join(' ')),
                ),
              ),
            ),
          )
        : h('p', { class: 'muted' }, bi(T.noPorts)),
    h(
      'div',
      {},
      bi(labelled(T.usbWatch, d?.usb.watching ? T.on : T.off)),
      d?.usb.lastError
        ? h(
            'span',
            { class: 'tbad' },
            ' ',
            bi(BRIDGE_ERROR_WORDS[d.usb.lastError.code]),
            h('span', { class: 'code' }, d.usb.lastError.code),
            detail(d.usb.lastError.message),
          )
        : '',
    ),
  );
}
