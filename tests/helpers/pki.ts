/**
 * A throwaway PKI made with openssl for one test file: a CA (`ca.pem`), a server certificate it
 * signed for 127.0.0.1 and localhost (`server.pem`, `server.key`), the same CA's certificate for
 * another name only (`other-name.pem`), one for the right names but client authentication only
 * (`client-only.pem`), and a second CA that signed nothing here (`other.pem`).
 * Each valid for a day. Also left in the folder: `san.ext`, a file that is not a certificate.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { tempDataDir } from './store.ts';

export interface TestPki {
  dir: string;
  /** A file of the PKI, as text. */
  pem(file: string): string;
}

export function makeTestPki(): TestPki {
  const dir = tempDataDir('pki');
  const ssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  const selfSigned = (name: string, subject: string) =>
    ssl(
      'req',
      '-x509',
      ...ec,
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.pem`,
      '-days',
      '1',
      '-subj',
      subject,
    );
  const signedByCa = (name: string, altNames: string, extra = '') => {
    fs.writeFileSync(path.join(dir, `${name}.ext`), `subjectAltName=${altNames}\n${extra}`);
    ssl(
      'x509',
      '-req',
      '-in',
      'server.csr',
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      `${name}.pem`,
      '-days',
      '1',
      '-extfile',
      `${name}.ext`,
    );
  };
  selfSigned('ca', '/CN=Test BMET CA');
  ssl('req', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1');
  signedByCa('san', 'IP:127.0.0.1,DNS:localhost');
  fs.renameSync(path.join(dir, 'san.pem'), path.join(dir, 'server.pem'));
  // The same CA's certificate for another name only: right issuer, wrong host.
  signedByCa('other-name', 'DNS:bmet.example');
  // The right CA and name, but for clients only (extended key usage clientAuth): no server.
  signedByCa('client-only', 'IP:127.0.0.1,DNS:localhost', 'extendedKeyUsage=clientAuth\n');
  // Another CA that signed nothing here: trusting it must not make the server trusted.
  selfSigned('other', '/CN=Stranger');
  return { dir, pem: (f) => fs.readFileSync(path.join(dir, f), 'utf8') };
}
