/**
 * TLS trust for BMET: the certificate authorities Node ships, the system's, and an
 * optional CA file for BMET's own CA (`bmet-ca.pem` in the data dir, put there by
 * `provision --ca FILE`). Exports the reader, the installer and the combined list.
 */
import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import tls from 'node:tls';

/** BMET's own CA in the data dir, when it has one. */
export const BMET_CA_FILE = 'bmet-ca.pem';
const MAX_CA_FILE_BYTES = 1024 * 1024;
const PEM_CERT_RE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

export type CaRead = { ok: true; pems: string[] } | { ok: false; code: 'SYNC_CA_UNREADABLE'; why: string };

/** Reads a PEM file of one or more certificates; every one must parse. */
export function readCaFile(file: string): CaRead {
  let text: string;
  try {
    const st = fs.statSync(file);
    if (!st.isFile() || st.size > MAX_CA_FILE_BYTES)
      return { ok: false, code: 'SYNC_CA_UNREADABLE', why: `${file} is not a regular file of at most 1 MiB` };
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    return { ok: false, code: 'SYNC_CA_UNREADABLE', why: `${file}: ${(err as Error).message}` };
  }
  const pems = text.match(PEM_CERT_RE) ?? [];
  if (!pems.length) return { ok: false, code: 'SYNC_CA_UNREADABLE', why: `${file} holds no PEM certificate` };
  for (const pem of pems) {
    try {
      new X509Certificate(pem);
    } catch (err) {
      return { ok: false, code: 'SYNC_CA_UNREADABLE', why: `${file}: ${(err as Error).message}` };
    }
  }
  return { ok: true, pems };
}

/** The data dir's BMET CA: none (null), its certificates, or why it cannot be used. */
export function dataDirCa(dataDir: string): CaRead | null {
  const file = path.join(dataDir, BMET_CA_FILE);
  return fs.existsSync(file) ? readCaFile(file) : null;
}

/** Checks `source` and copies its certificates into the data dir (replacing an older CA file whole). */
export function installCaFile(dataDir: string, source: string): CaRead {
  const read = readCaFile(source);
  if (!read.ok) return read;
  const file = path.join(dataDir, BMET_CA_FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, read.pems.join('\n') + '\n', { mode: 0o644 });
  fs.renameSync(tmp, file);
  return read;
}

/**
 * What an https connection to BMET trusts: Node's CAs (with NODE_EXTRA_CA_CERTS), the
 * system's store, and BMET's own CA. Node's `ca` option replaces the defaults, so they are listed too.
 */
export function trustedCas(extra: readonly string[] = []): string[] {
  const system = (() => {
    try {
      return tls.getCACertificates('system');
    } catch {
      return [];
    }
  })();
  return [...new Set([...tls.getCACertificates('default'), ...system, ...extra])];
}
