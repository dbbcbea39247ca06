// The text stage: what is trimmed (CR, LF, TAB, space and nothing else), the 4,296-character
// bound after trimming, and trimming in linear time (a regex trim was quadratic on long
// inner runs of spaces; 200,000 of them would take minutes and overrun the test timeout).
import { describe, expect, it } from 'vitest';
import { textStage, trimScannerSpace } from '../../../main/core/verify/text-stage.ts';

describe('text stage', () => {
  it('trims only scanner whitespace, at both ends', () => {
    expect(trimScannerSpace(' \t\r\nBMET1:AB C\r\n \t')).toBe('BMET1:AB C');
    expect(trimScannerSpace('\u00a0BMET1:\u00a0')).toBe('\u00a0BMET1:\u00a0');
    expect(trimScannerSpace('\ufeffBMET1:')).toBe('\ufeffBMET1:');
    expect(trimScannerSpace(' \t\r\n ')).toBe('');
    expect(trimScannerSpace('')).toBe('');
    expect(trimScannerSpace('x')).toBe('x');
  });

  it('bounds the length after trimming', () => {
    const body = '0'.repeat(4290);
    expect(textStage(`  BMET1:${body}\r\n`)).toEqual({ ok: true, value: body });
    expect(textStage(`BMET1:${body}0`)).toEqual({ ok: false, code: 'PAYLOAD_TOO_LARGE' });
  });

  it('is linear on long inner runs of whitespace', () => {
    for (const run of [' ', '\r\n', ' \t']) {
      const inner = `x${run.repeat(100_000)}x`;
      expect(trimScannerSpace(inner)).toBe(inner);
      expect(textStage(inner)).toEqual({ ok: false, code: 'PAYLOAD_TOO_LARGE' });
      expect(trimScannerSpace(`${run.repeat(100_000)}x${run.repeat(100_000)}`)).toBe('x');
    }
  });
});
