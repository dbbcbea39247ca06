// spec/trust-bundle.md caps a bundle file at 64 MiB (raised from 16 MiB): the core reader and
// the USB stick scanner agree on the one bound from the contract, at its edges.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_BUNDLE_BYTES } from '../../../main/contract/trust-bundle.ts';
import { readBundleBytes } from '../../../main/core/trust/bundle-file.ts';
import { findTrustFiles } from '../../../native-bridge/usb/trust-files.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bundle-size-'));
/** A sparse file of `size` bytes: costs no disk. */
function sparse(name: string, size: number): string {
  const f = path.join(dir, name);
  fs.writeFileSync(f, '');
  fs.truncateSync(f, size);
  return f;
}

describe('the 64 MiB bundle bound', () => {
  it("is the spec's 64 MiB", () => {
    expect(MAX_BUNDLE_BYTES).toBe(64 * 1024 * 1024);
  });

  it('the core reader reads a file just over the old 16 MiB bound and refuses one over 64 MiB', () => {
    const mid = sparse('mid.bmettrust', 16 * 1024 * 1024 + 1);
    const r = readBundleBytes(mid);
    expect(r.ok ? r.bytes.length : r.code).toBe(16 * 1024 * 1024 + 1);
    const edge = readBundleBytes(sparse('edge.bmettrust', MAX_BUNDLE_BYTES));
    expect(edge.ok ? edge.bytes.length : edge.code).toBe(MAX_BUNDLE_BYTES);
    const over = readBundleBytes(sparse('over.bmettrust', MAX_BUNDLE_BYTES + 1));
    expect(over.ok ? 'ok' : over.code).toBe('BUNDLE_MALFORMED');
  });

  it('a USB stick offers exactly the files the reader would read', () => {
    const stick = fs.mkdtempSync(path.join(os.tmpdir(), 'bundle-size-stick-'));
    for (const [name, size] of [
      ['mid.bmettrust', 16 * 1024 * 1024 + 1],
      ['edge.bmettrust', MAX_BUNDLE_BYTES],
      ['over.bmettrust', MAX_BUNDLE_BYTES + 1],
    ] as const) {
      fs.writeFileSync(path.join(stick, name), '');
      fs.truncateSync(path.join(stick, name), size);
    }
    const found = findTrustFiles(stick);
    expect(found.files.map((f) => f.relative).sort()).toEqual(['edge.bmettrust', 'mid.bmettrust']);
  });
});
