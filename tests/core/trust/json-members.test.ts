// duplicateMemberName over hand cases and random JSON texts whose duplicates are known by
// construction: names written with escapes (\", \\, \uXXXX), strings holding quotes, braces and
// backslashes, whitespace between tokens, objects nested in arrays and arrays in objects.
import { describe, expect, it } from 'vitest';
import { duplicateMemberName } from '../../../main/core/trust/json-members.ts';
import { prng } from '../../helpers/prng.ts';

describe('duplicateMemberName', () => {
  it.each([
    ['{}', null],
    ['[]', null],
    ['"a"', null],
    ['{"a":1,"b":2}', null],
    ['{"a":1,"a":2}', 'a'],
    ['{"version":1,"\\u0076ersion":2}', 'version'],
    ['{"\\u0076ersion":1,"version":2}', 'version'],
    ['{"a\\"":1,"a":2}', null],
    ['{"a\\\\":1,"a":2}', null],
    ['{"a\\\\":1,"a\\u005c":2}', 'a\\'],
    ['{"a":"\\",\\"a\\":","b":1}', null],
    ['{"a":{"a":1},"b":{"a":2}}', null],
    ['[{"a":1},{"a":1}]', null],
    ['{"x":[{"a":1,"a":2}]}', 'a'],
    ['{"x":[1,{"b":[]}],"y":2,"x":3}', 'x'],
    [' { "a" : 1 ,\n\t"a" : 2 } ', 'a'],
    ['{"a":"}","a":1}', 'a'],
  ])('%s -> %s', (text, name) => {
    JSON.parse(text); // each case is JSON
    expect(duplicateMemberName(text)).toBe(name);
  });

  it('finds exactly the duplicates of random documents', () => {
    const r = prng(20261202);
    const rand = () => r.next();
    const pick = <T>(xs: readonly T[]): T => r.pick(xs);
    const NAMES = ['a', 'b', 'a"', 'a\\', 'é', '\u{1F600}', 'version', ''];
    const ws = () => pick(['', '', ' ', '\n ', '\t']);
    // A name or string written with some characters escaped the ways JSON allows.
    const str = (s: string) =>
      '"' +
      [...s]
        .map((c) => {
          if (c === '"' || c === '\\')
            return pick([`\\${c}`, `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`]);
          if (c.length === 1 && rand() < 0.3) return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
          return c;
        })
        .join('') +
      '"';
    let dups = 0;
    for (let n = 0; n < 2000; n++) {
      const repeated = new Set<string>();
      const value = (depth: number): string => {
        const u = rand();
        if (depth > 3 || u < 0.35) return pick(['1', '-2.5e3', 'true', 'null', str('x"}{[,:\\'), str('')]);
        if (u < 0.6) {
          const items = Array.from({ length: Math.floor(rand() * 4) }, () => ws() + value(depth + 1) + ws());
          return `[${items.join(',')}]`;
        }
        const names = Array.from({ length: Math.floor(rand() * 4) }, () => pick(NAMES));
        names.forEach((k, i) => {
          if (names.indexOf(k) < i) repeated.add(k);
        });
        return `{${names.map((k) => `${ws()}${str(k)}${ws()}:${ws()}${value(depth + 1)}${ws()}`).join(',')}}`;
      };
      const text = ws() + value(0) + ws();
      JSON.parse(text);
      const found = duplicateMemberName(text);
      if (repeated.size === 0) expect(found).toBeNull();
      else {
        dups++;
        expect([...repeated]).toContain(found);
      }
    }
    expect(dups).toBeGreaterThan(200);
  });
});
