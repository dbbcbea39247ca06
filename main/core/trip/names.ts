/**
 * `compareNames`: the name on a boarding pass (`SURNAME/GIVEN TITLE`, cut at 20
 * characters) against the clearance's passport name (Latin, given names first as printed
 * in the passport). Airlines add titles, drop or move the Bangladeshi name prefixes
 * (MD, MST), swap order and run words together; a cut name only ends early.
 */

export type NameMatch = 'match' | 'partial' | 'mismatch';

/** Titles an airline appends to the given name; never part of the passport name. */
const TITLES = new Set(['MR', 'MRS', 'MS', 'MISS', 'MSTR', 'DR', 'PROF', 'CHD', 'INF']);
/** Name prefixes written or left out at will (Mohammad, Mosammat and their spellings). */
const PREFIXES = new Set([
  'MD',
  'MST',
  'MOST',
  'MOHAMMAD',
  'MOHAMMED',
  'MUHAMMAD',
  'MOHAMMOD',
  'MOSAMMAT',
  'MOSAMMOT',
]);

/** What airlines write for a part of the name a single-name passenger does not have (first / last name unknown). */
const NAME_UNKNOWN = new Set(['FNU', 'LNU']);

/** The BCBP name field's width: a name this long may have been cut. */
export const PASS_NAME_WIDTH = 20;

const words = (s: string) =>
  s
    .toUpperCase()
    .replace(/[^A-Z]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
const core = (ws: string[]) => ws.filter((w) => !PREFIXES.has(w));

/** Compares a pass name with a clearance name: match, partial (the officer decides) or mismatch. */
export function compareNames(passName: string, clearanceName: string): NameMatch {
  const cut = passName.trimEnd().length >= PASS_NAME_WIDTH;
  const [surnamePart = '', givenPart = ''] = passName.split('/', 2);
  const known = (ws: string[]) => ws.filter((w) => !NAME_UNKNOWN.has(w));
  const given = known(words(givenPart));
  while (given.length && TITLES.has(given[given.length - 1]!)) given.pop();
  const surnameWords = known(words(surnamePart));
  const surname = core(surnameWords);
  const passWords = [...surname, ...core(given)];
  const cardWords = core(words(clearanceName));
  if (!passWords.length || !cardWords.length) return 'mismatch';

  // Written the same whatever the spacing: the card's words, split into a given and a family
  // part at some word, spell the pass's two parts (in either order; a cut given part only starts it).
  // A prefix may be run into either part (MDRAHIMUDDIN/MR), a title into the given part (UDDIN/RAHIMMR).
  const surs = spellings(surname, surnameWords, false);
  const givens = spellings(core(given), given, !cut);
  const spells = (part: string, want: string, mayBeCut: boolean) =>
    part === want || (mayBeCut && part.length > 0 && want.startsWith(part));
  for (let k = 0; k <= cardWords.length; k++) {
    const first = cardWords.slice(0, k).join('');
    const rest = cardWords.slice(k).join('');
    for (const sur of surs)
      for (const g of givens) {
        if (
          (spells(sur, rest, cut && !g) && spells(g, first, cut)) ||
          (spells(sur, first, cut && !g) && spells(g, rest, cut))
        ) {
          return 'match';
        }
      }
  }
  if (sameWords(passWords, cardWords, cut)) return 'match';
  return passWords.some((w) => cardWords.includes(w)) ? 'partial' : 'mismatch';
}

/**
 * How one part of a pass name may be spelled without its extras: its words without prefixes,
 * run together; and the same with a prefix run into its start taken off, and (`titleGlued`,
 * for an uncut given part) a title run into its end taken off.
 */
function spellings(coreWords: string[], allWords: string[], titleGlued: boolean): Set<string> {
  const out = new Set([coreWords.join('')]);
  const glued = allWords.join('');
  const starts = [glued];
  for (const p of PREFIXES)
    if (glued.startsWith(p) && glued.length > p.length) starts.push(glued.slice(p.length));
  for (const w of starts) {
    out.add(w);
    if (titleGlued)
      for (const t of TITLES) if (w.endsWith(t) && w.length > t.length) out.add(w.slice(0, -t.length));
  }
  return out;
}

/**
 * Each pass word stands for a different card word and every card word is accounted for;
 * on a cut name the last pass word may be the start of a card word, and card words after
 * the cut may be missing.
 */
function sameWords(pass: string[], card: string[], cut: boolean): boolean {
  const left = [...card];
  for (let i = 0; i < pass.length; i++) {
    const w = pass[i]!;
    const lastCut = cut && i === pass.length - 1;
    const at = left.findIndex((c) => c === w || (lastCut && c.startsWith(w)));
    if (at < 0) return false;
    left.splice(at, 1);
  }
  return left.length === 0 || cut;
}
