// ScanFramer on bytes alone: terminators, silence, prefix/suffix, noise, overlong scans.
import { describe, expect, it } from 'vitest';
import { ScanFramer, type FrameOutput } from '../../../native-bridge/serial/scan-framer.ts';

const b = (s: string) => Buffer.from(s, 'latin1');
const scans = (out: FrameOutput[]) =>
  out.filter((o) => o.kind === 'scan').map((o) => (o as { text: string }).text);
const noise = (out: FrameOutput[]) =>
  out.filter((o) => o.kind === 'noise').reduce((n, o) => n + (o as { bytes: number }).bytes, 0);

describe('ScanFramer', () => {
  it("'any' ends on CR, LF or CR LF and never gives an empty scan", () => {
    const f = new ScanFramer();
    expect(scans(f.push(b('BMET1:A\rBMET1:B\nBMET1:C\r\n\r\n')))).toEqual(['BMET1:A', 'BMET1:B', 'BMET1:C']);
  });

  it("'crlf' needs both; a lone CR is noise", () => {
    const f = new ScanFramer({ terminator: 'crlf' });
    const out = [...f.push(b('AB\rC')), ...f.push(b('D\r')), ...f.push(b('\nEF'))];
    expect(scans(out)).toEqual(['ABCD']);
    expect(noise(out)).toBe(1);
    expect(f.hasPending).toBe(true);
  });

  it("'cr' counts an LF as noise, 'lf' a CR", () => {
    const cr = new ScanFramer({ terminator: 'cr' });
    const o1 = cr.push(b('AB\r\nCD\r'));
    expect(scans(o1)).toEqual(['AB', 'CD']);
    expect(noise(o1)).toBe(1);
    const lf = new ScanFramer({ terminator: 'lf' });
    expect(scans(lf.push(b('AB\r\n')))).toEqual(['AB']);
  });

  it("'none' ends a scan only on silence (idle)", () => {
    const f = new ScanFramer({ terminator: 'none', interByteTimeoutMs: 30 });
    expect(scans(f.push(b('BMET1:')))).toEqual([]);
    expect(scans(f.push(b('XYZ')))).toEqual([]);
    expect(f.hasPending).toBe(true);
    expect(scans(f.idle())).toEqual(['BMET1:XYZ']);
    expect(f.hasPending).toBe(false);
    expect(() => new ScanFramer({ terminator: 'none' })).toThrow(/interByteTimeoutMs/);
  });

  it('drops non-printable bytes anywhere and reports them with their hex', () => {
    const f = new ScanFramer();
    const out = f.push(Buffer.from([0x00, 0xff, 0x41, 0x07, 0x42, 0x0d, 0x1b, 0x80]));
    expect(scans(out)).toEqual(['AB']);
    expect(noise(out)).toBe(5);
    expect(out[0]).toEqual({ kind: 'noise', bytes: 3, hex: '00ff07' }); // noise before the scan, reported first
    expect(out.at(-1)).toEqual({ kind: 'noise', bytes: 2, hex: '1b80' });
  });

  it('strips a configured prefix and suffix, also non-printable ones (STX/ETX)', () => {
    const f = new ScanFramer({ prefix: '\x02', suffix: '\x03' });
    expect(scans(f.push(b('\x02BMET1:X\x03\r')))).toEqual(['BMET1:X']);
    const aim = new ScanFramer({ prefix: ']Q1' });
    expect(scans(aim.push(b(']Q1BMET1:Y\rBMET1:Z\r')))).toEqual(['BMET1:Y', 'BMET1:Z']);
    // a wrapper byte out of place is noise after all
    const out = f.push(b('A\x03B\r'));
    expect(scans(out)).toEqual(['AB']);
    expect(noise(out)).toBe(1);
  });

  it('marks a scan past maxLength overlong, keeps its start, and resynchronises at the terminator', () => {
    const f = new ScanFramer({ maxLength: 8 });
    const out = f.push(b('0123456789ABCDEF\rOK\r'));
    expect(out.filter((o) => o.kind === 'scan')).toEqual([
      { kind: 'scan', text: '01234567', overlong: true },
      { kind: 'scan', text: 'OK', overlong: false },
    ]);
  });

  it('gives the same scans however the bytes are split', () => {
    const stream = b('\x00BMET1:ONE\r\nnoise\x01\x02\rBMET1:TWO\r\n');
    const whole = scans(new ScanFramer().push(stream));
    const f = new ScanFramer();
    const split: string[] = [];
    for (let i = 0; i < stream.length; i++) split.push(...scans(f.push(stream.subarray(i, i + 1))));
    expect(split).toEqual(whole);
    expect(whole).toEqual(['BMET1:ONE', 'noise', 'BMET1:TWO']);
  });

  it('refuses bad options', () => {
    expect(() => new ScanFramer({ terminator: 'x' as never })).toThrow();
    expect(() => new ScanFramer({ maxLength: 0 })).toThrow();
  });
});
