/**
 * `recentList`: the latest scans, newest first, in Bangla words and Bangla digits (English
 * beside, smaller): the time, the verdict as the desk showed it (unreadable apart), and the
 * worker's name or what went wrong. Each is a button: tapping it shows that verdict again.
 */
import type { RecentScan } from '../../main/contract/api.ts';
import { REASON_WORDS, UI_WORDS as W } from '../../main/contract/words.ts';
import { bi, h, when } from '../dom.ts';
import { resultState, shownWords } from './verdict-panel.ts';

export interface RecentList {
  readonly el: HTMLElement;
  render(items: readonly RecentScan[]): void;
}

export function recentList(onPick: (id: string) => void): RecentList {
  const el = h('aside', { class: 'recent', 'data-testid': 'recent' });
  el.addEventListener('click', (e) => {
    const item = (e.target as Element).closest<HTMLElement>('[data-recent-id]');
    if (item) onPick(item.dataset.recentId!);
  });

  function item(s: RecentScan): HTMLElement {
    const shown = resultState(s.status, s.codes);
    const first = s.codes[0];
    return h(
      'li',
      { class: `recent-item ${shown}`, 'data-status': shown },
      h(
        'button',
        { type: 'button', class: 'recent-button', 'data-recent-id': s.id, 'data-testid': 'recent-item' },
        h('span', { class: 'dot' }),
        // The time once, in Bangla digits: the English copy would only repeat it.
        h('span', { class: 'r-time', lang: 'bn' }, when(s.at, 'time').bn),
        bi(shownWords(shown).word, 'r-word'),
        h('span', { class: 'r-who' }, s.name ?? (first ? bi(REASON_WORDS[first]) : '')),
        s.logged ? '' : h('span', { class: 'r-nl' }, bi(W.notLogged)),
      ),
    );
  }

  return {
    el,
    render(items) {
      el.replaceChildren(
        h('h2', {}, bi(W.recent)),
        items.length ? h('ol', {}, ...items.map(item)) : h('p', { class: 'muted' }, bi(W.noRecent)),
      );
    },
  };
}
