/**
 * duplicateMemberName: the first object member name that occurs twice in one object of a JSON
 * text (compared after unescaping, so "version" and "\u0076ersion" are one name), or null.
 * JSON.parse keeps the last of duplicates silently, and no reviver sees the ones it dropped.
 */

/**
 * The text must already have parsed as JSON (JSON.parse first): this only walks its tokens.
 * Strings are skipped with indexOf, not character by character, so a payload that is mostly one
 * long array of strings (a million revoked clearance ids) costs little beside JSON.parse itself.
 */
export function duplicateMemberName(json: string): string | null {
  // One entry per open container: the names seen so far in an object, null for an array.
  const open: (Set<string> | null)[] = [];
  let names: Set<string> | null = null;
  let expectName = false;
  const n = json.length;
  for (let i = 0; i < n; i++) {
    const c = json.charCodeAt(i);
    if (c === 0x22 /* " */) {
      const end = closingQuote(json, i);
      if (expectName && names) {
        const raw = json.slice(i + 1, end);
        const name = raw.includes('\\') ? (JSON.parse(json.slice(i, end + 1)) as string) : raw;
        if (names.has(name)) return name;
        names.add(name);
        expectName = false;
      }
      i = end;
    } else if (c === 0x7b /* { */) {
      open.push(names);
      names = new Set();
      expectName = true;
    } else if (c === 0x5b /* [ */) {
      open.push(names);
      names = null;
      expectName = false;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      names = open.pop() ?? null;
      expectName = false;
    } else if (c === 0x2c /* , */) {
      expectName = names !== null;
    }
  }
  return null;
}

/** The index of the quote closing the string that opens at `start` (a quote preceded by an even run of backslashes). */
function closingQuote(json: string, start: number): number {
  let q = json.indexOf('"', start + 1);
  for (;;) {
    if (q < 0) throw new Error('duplicateMemberName: unterminated string (the text was not JSON)');
    let k = q - 1;
    while (json.charCodeAt(k) === 0x5c /* \ */) k--;
    if ((q - 1 - k) % 2 === 0) return q;
    q = json.indexOf('"', q + 1);
  }
}
