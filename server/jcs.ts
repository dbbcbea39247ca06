/**
 * `jcs`: the server's own RFC 8785 (JSON Canonicalization Scheme) serializer, written
 * apart from the kiosk's (which uses the `canonicalize` package), so a canonicalization
 * bug on either side shows up as a hash mismatch instead of agreeing with itself.
 * It covers what a parsed JSON value can hold: null, booleans, finite numbers, strings,
 * arrays and plain objects; it throws on what RFC 8785 has no form for (NaN, lone surrogates).
 */

/** RFC 8785 §3.2.3: members sorted by their names' UTF-16 code units; §3.2.2: ECMAScript number and string forms. */
export function jcs(value: unknown): string {
  if (value === null || typeof value === 'boolean')
    return value ? 'true' : value === false ? 'false' : 'null';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('RFC 8785 has no form for NaN or Infinity');
    // ECMAScript Number::toString is the form RFC 8785 §3.2.2.3 names; -0 is written 0.
    return Object.is(value, -0) ? '0' : String(value);
  }
  if (typeof value === 'string') return jcsString(value);
  if (Array.isArray(value)) return `[${value.map((v) => jcs(v === undefined ? null : v)).join(',')}]`;
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    // Array.prototype.sort without a comparator compares UTF-16 code units, as §3.2.3 asks.
    const names = Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort();
    return `{${names.map((k) => `${jcsString(k)}:${jcs(o[k])}`).join(',')}}`;
  }
  throw new TypeError(`RFC 8785 has no form for a ${typeof value}`);
}

/**
 * RFC 8785 §3.2.2.2 defines string serialization as ECMAScript's JSON.stringify (the escapes
 * \b \t \n \f \r \" \\, other controls as \u00xx, the rest as is), which the engine does
 * natively; a lone surrogate is not Unicode text (I-JSON), so it is refused first.
 */
function jcsString(s: string): string {
  if (!s.isWellFormed()) throw new TypeError('RFC 8785 refuses a lone surrogate');
  return JSON.stringify(s);
}
