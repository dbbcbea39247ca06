/**
 * The technician's card of trust files on USB sticks: each file's install goes through a
 * preview main computes (what would change: versions, expiry, signers, keys, revocations,
 * rules, or the refusal it would meet), then the technician's confirmation, then main's answer.
 */
import type { TrustPreview } from '../../main/contract/technician.ts';
import {
  API_ERROR_WORDS,
  SKIP_WORDS,
  TECH_WORDS as T,
  TRUST_REFUSAL_WORDS,
  type Words,
} from '../../main/contract/words.ts';
import { bi, detail, h, num, onTap, patchChildren, when } from '../dom.ts';
import { fileKey, once, row, words, type TechState } from './common.ts';

export interface SticksActions {
  canInstall(): boolean;
  /** Asks main for the preview of this file (the card shows it, then Confirm and Cancel). */
  preview(mountPoint: string, relative: string): void;
  install(mountPoint: string, relative: string): void;
  cancel(): void;
}

const version = (v: number | null): Words => (v === null ? T.noneInForce : words(`v${v}`));

/** Kids a change names; `flag`: one that weakens what is refused (a key back in use), shown in red. */
function kidList(label: Words, kids: string[], kind: string, flag = false): HTMLElement[] {
  if (!kids.length) return [];
  return row(
    label,
    h(
      'span',
      { 'data-testid': `preview-keys-${kind}`, 'data-count': String(kids.length), class: flag ? 'tbad' : '' },
      h('strong', {}, String(kids.length)),
      ' ',
      h('span', { class: 'mono' }, kids.join(' ')),
    ),
  );
}

function ruleList(p: TrustPreview): string {
  const part = (sign: string, ids: string[]) => ids.map((id) => `${sign}${id}`);
  return [...part('+', p.rules.added), ...part('~', p.rules.changed), ...part('−', p.rules.removed)].join(
    ' ',
  );
}

/** The bundle in force as a preview names it: its version, and that it is a file named for this run when it is. */
function inForceWords(from: TrustPreview['from']): Words {
  if (!from) return T.noneStaysInForce;
  if (from.source === 'installed') return words(`v${from.version}`);
  return { bn: `v${from.version} (${T.fromFile.bn})`, en: `v${from.version} (${T.fromFile.en})` };
}

/** Under a run on a bundle file (--dev) a refusal is judged against the installed bundle, not the file in force. */
function comparedWith(p: TrustPreview): HTMLElement[] {
  return p.installed && p.from?.source !== 'installed'
    ? row(T.comparedWith, `v${p.installed.version}`, 'preview-installed')
    : [];
}

/** A file the install would refuse: it will not be installed, why, and what stays in force. Nothing changes, so no arrow. */
function refusedParts(p: TrustPreview, code: NonNullable<TrustPreview['refusal']>['code']): HTMLElement[] {
  return [
    h('strong', {}, bi(T.wontInstall)),
    h(
      'div',
      { class: 'tbad', 'data-code': code },
      bi(TRUST_REFUSAL_WORDS[code]),
      h('span', { class: 'code' }, code),
    ),
    h(
      'dl',
      {},
      ...(p.to ? row(T.thisFile, `v${p.to.version}`, 'preview-file-version') : []),
      ...row(T.staysInForce, once(inForceWords(p.from)), 'preview-stays'),
      ...comparedWith(p),
    ),
  ];
}

/**
 * What installing the file would change, as main answered it: against the bundle the install
 * replaces — the one in force, or under a run on a file the installed one, the file staying in force.
 */
function changeParts(p: TrustPreview): (HTMLElement | string)[] {
  const rulesChanged = p.rules.added.length + p.rules.changed.length + p.rules.removed.length;
  const onFile = p.from?.source === 'file';
  const was = onFile ? p.installed : p.from;
  return [
    h('strong', {}, bi(T.previewTitle)),
    p.same ? h('div', {}, bi(onFile ? T.sameInstalled : T.sameInForce)) : '',
    onFile ? h('div', { 'data-testid': 'preview-run-on-file' }, bi(T.runOnFile)) : '',
    h(
      'dl',
      {},
      ...row(
        onFile ? T.installedBundle : T.version,
        h(
          'span',
          { 'data-testid': 'preview-version' },
          once({
            bn: `${version(was?.version ?? null).bn} → ${version(p.to?.version ?? null).bn}`,
            en: `${version(was?.version ?? null).en} → ${version(p.to?.version ?? null).en}`,
          }),
        ),
      ),
      ...(onFile ? row(T.staysInForce, once(inForceWords(p.from)), 'preview-stays') : []),
      ...(p.to
        ? [
            ...row(
              T.expires,
              bi({
                bn: `${was ? when(was.expiresAt, 'date').bn : '—'} → ${when(p.to.expiresAt, 'date').bn}`,
                en: `${was ? when(was.expiresAt, 'date').en : '—'} → ${when(p.to.expiresAt, 'date').en}`,
              }),
            ),
            ...row(T.signedBy, h('span', { class: 'mono' }, p.to.signedBy.join(' '))),
          ]
        : []),
      ...kidList(T.keysAdded, p.keys.added, 'added'),
      ...kidList(T.keysRetired, p.keys.retired, 'retired'),
      ...kidList(T.keysRevoked, p.keys.revoked, 'revoked'),
      ...kidList(T.keysRemoved, p.keys.removed, 'removed'),
      ...kidList(T.keysReinstated, p.keys.reinstated, 'reinstated', true),
      ...kidList(T.revokedKidsRemoved, p.revokedKidsRemoved, 'unrevoked', true),
      ...(p.to
        ? row(
            T.revocationsAdded,
            h(
              'strong',
              { 'data-testid': 'preview-revocations', 'data-count': String(p.revocationsAdded) },
              bi(num(p.revocationsAdded)),
            ),
          )
        : []),
      // Cards revoked now that would pass again: said whenever there are any.
      ...(p.to && p.revocationsRemoved
        ? row(
            T.revocationsRemoved,
            h(
              'strong',
              {
                class: 'tbad',
                'data-testid': 'preview-revocations-removed',
                'data-count': String(p.revocationsRemoved),
              },
              bi(num(p.revocationsRemoved)),
            ),
          )
        : []),
      ...(p.to
        ? row(
            T.rulesChanged,
            h(
              'span',
              { 'data-testid': 'preview-rules', 'data-count': String(rulesChanged) },
              rulesChanged ? h('span', { class: 'mono' }, ruleList(p)) : bi(T.none),
            ),
          )
        : []),
      // Installed, but never checked at the desk: a technician must know before confirming.
      ...(p.rulesIgnored.length
        ? row(
            T.rulesIgnored,
            h(
              'span',
              {
                class: 'tbad mono',
                'data-testid': 'preview-rules-ignored',
                'data-count': String(p.rulesIgnored.length),
              },
              p.rulesIgnored.map((r) => `${r.id} (${r.kind})`).join(' '),
            ),
          )
        : []),
    ),
  ];
}

/** Main's preview of a file's install: what it would change, or that it will not be installed and what stays. */
export function previewView(p: TrustPreview): HTMLElement {
  return h(
    'div',
    {
      class: `tpreview ${p.refusal ? 'bad' : ''}`,
      'data-testid': 'install-preview',
      'data-from': String(p.from?.version ?? ''),
      'data-to': String(p.to?.version ?? ''),
      'data-installed': String(p.installed?.version ?? ''),
      'data-refusal': p.refusal?.code ?? '',
    },
    ...(p.refusal ? refusedParts(p, p.refusal.code) : changeParts(p)),
  );
}

function resultView(st: TechState, key: string): HTMLElement | null {
  const res = st.result;
  if (!res || res.key !== key) return null;
  if ('error' in res) {
    return h(
      'div',
      {
        class: 'tresult bad',
        'data-testid': 'install-result',
        'data-outcome': 'error',
        'data-code': res.error.code,
      },
      bi(API_ERROR_WORDS[res.error.code]),
      h('span', { class: 'code' }, res.error.code),
      detail(res.error.message),
    );
  }
  const r = res.r;
  if (r.outcome === 'refused') {
    return h(
      'div',
      {
        class: 'tresult bad',
        'data-testid': 'install-result',
        'data-outcome': 'refused',
        'data-code': r.code,
      },
      h('strong', {}, bi(T.refused)),
      bi(TRUST_REFUSAL_WORDS[r.code]),
      h('span', { class: 'code' }, r.code),
    );
  }
  const msg = r.outcome === 'unchanged' ? T.noop : r.inForce ? T.installed : T.installedNotInForce;
  const from = version(r.previousVersion);
  return h(
    'div',
    {
      class: 'tresult good',
      'data-testid': 'install-result',
      'data-outcome': r.outcome,
      'data-version': String(r.version ?? ''),
      'data-previous': String(r.previousVersion ?? ''),
    },
    bi(msg),
    h(
      'span',
      { class: 'code', 'data-testid': 'install-versions' },
      once({ bn: `${from.bn} → v${r.version}`, en: `${from.en} → v${r.version}` }),
    ),
  );
}

function confirmView(st: TechState, a: SticksActions, mountPoint: string, relative: string): HTMLElement {
  const c = st.confirming!;
  // A file main says will be refused is not "installed" by confirming: the attempt is recorded.
  const refused = !!c.preview?.refusal;
  const confirm = h(
    'button',
    { type: 'button', class: refused ? 'act' : 'act go', 'data-testid': 'confirm-install' },
    bi(refused ? T.recordRefusal : T.confirmInstall),
  );
  onTap(confirm, () => a.install(mountPoint, relative));
  // Confirming waits for the preview: nobody confirms what they have not been shown.
  confirm.toggleAttribute('disabled', !c.preview);
  const cancel = h('button', { type: 'button', class: 'act', 'data-testid': 'cancel-install' }, bi(T.cancel));
  onTap(cancel, () => a.cancel());
  return h(
    'div',
    { class: 'confirm-box' },
    c.preview
      ? previewView(c.preview)
      : c.error
        ? h(
            'div',
            { class: 'tbad', 'data-testid': 'install-preview-error', 'data-code': c.error.code },
            bi(API_ERROR_WORDS[c.error.code]),
            h('span', { class: 'code' }, c.error.code),
          )
        : h('p', { class: 'muted' }, bi(T.previewing)),
    h('span', { class: 'confirm' }, confirm, cancel),
  );
}

export function renderSticks(box: HTMLElement, st: TechState, a: SticksActions): void {
  const items = st.sticks.map((s) =>
    h(
      'div',
      { class: 'stick', 'data-mount': s.mountPoint, 'data-key': s.mountPoint },
      h(
        'div',
        { class: 'stick-head' },
        h('strong', { class: 'mono' }, s.mountPoint),
        ' ',
        h('span', { class: 'mono muted' }, s.device),
      ),
      s.files.length
        ? h(
            'ul',
            { class: 'files' },
            ...s.files.map((f) => {
              const key = fileKey(s.mountPoint, f.relative);
              const btn = h(
                'button',
                { type: 'button', class: 'act', 'data-testid': 'install', 'data-relative': f.relative },
                bi(T.install),
              );
              btn.toggleAttribute('disabled', !a.canInstall());
              onTap(btn, () => a.preview(s.mountPoint, f.relative));
              return h(
                'li',
                { 'data-relative': f.relative, 'data-testid': 'candidate', 'data-key': f.relative },
                h('span', { class: 'mono' }, f.relative),
                ' ',
                h('span', { class: 'muted' }, `${num(f.size).en} B`),
                ' ',
                st.confirming?.key === key && a.canInstall()
                  ? confirmView(st, a, s.mountPoint, f.relative)
                  : btn,
                resultView(st, key) ?? '',
              );
            }),
          )
        : h('p', { class: 'muted' }, bi(s.skipped.length ? T.noFilesOffered : T.noFilesOnStick)),
      s.skipped.length
        ? h(
            'div',
            { class: 'skipped' },
            bi(T.skipped),
            ' ',
            ...s.skipped.map((k) =>
              h(
                'span',
                { class: 'skip', 'data-why': k.why },
                // '.' is the stick's own top folder (listed in part): said in words, not as a dot.
                k.relative === '.' ? bi(T.stickTop) : h('span', { class: 'mono' }, k.relative),
                ' (',
                bi(SKIP_WORDS[k.why]),
                ') ',
              ),
            ),
          )
        : '',
    ),
  );
  // Patched, not replaced: Install, Confirm and Cancel stay in the page through every redraw.
  patchChildren(
    box,
    h('h2', {}, bi(T.sticks)),
    ...(items.length ? items : [h('p', { class: 'muted', 'data-testid': 'no-sticks' }, bi(T.noSticks))]),
  );
}
