// What a request that fails before any answer is called: a certificate that does not verify, for
// any reason OpenSSL gives, or a TLS handshake that fails, is SYNC_TLS_UNTRUSTED (nothing sent);
// a socket or OS error is SYNC_NETWORK; only a peer that answers but not in HTTP is
// SYNC_BAD_RESPONSE ("BMET sent an unreadable answer"). Before, a certificate for clients only
// (INVALID_PURPOSE), https:// to a plain-http port (EPROTO) and OS errors such as ETIMEDOUT,
// ENETDOWN or EHOSTDOWN were all SYNC_BAD_RESPONSE.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failureCode } from '../../../main/core/sync/http-client.ts';
import { makeTestPki, type TestPki } from '../../helpers/pki.ts';
import { ackOf, cleanup, engineFor, syncFixtures } from '../../helpers/sync.ts';

let pki: TestPki;
beforeAll(() => {
  pki = makeTestPki();
});
afterAll(() => cleanup(pki.dir));

const { kiosk, scripted, server } = syncFixtures();

describe('a request that fails before an answer', () => {
  it('a server certificate for client authentication only (INVALID_PURPOSE) is SYNC_TLS_UNTRUSTED', async () => {
    const k = kiosk(10);
    const s = await server({
      kiosks: [{ kioskId: k.kioskId, publicKey: k.publicKeyPem }],
      tls: { key: pki.pem('server.key'), cert: pki.pem('client-only.pem') },
    });
    const r = await engineFor(k, s.url, { extraCas: [pki.pem('ca.pem')] }).engine.runOnce();
    expect(r.lastError).toMatchObject({ code: 'SYNC_TLS_UNTRUSTED' });
    expect(r.lastError?.message).toMatch(/INVALID_PURPOSE/);
    expect(s.stats.requests).toBe(0);
    expect(k.store.pendingCount()).toBe(10);
  });

  it('https:// to a plain-http server (EPROTO: its answer is no TLS) is SYNC_TLS_UNTRUSTED', async () => {
    const k = kiosk(10);
    const s = await scripted(ackOf);
    const r = await engineFor(k, s.url.replace(/^http:/, 'https:')).engine.runOnce();
    expect(r.lastError).toMatchObject({ code: 'SYNC_TLS_UNTRUSTED' });
    expect(r.lastError?.message).toMatch(/^EPROTO/);
    expect(s.requests).toHaveLength(0);
    expect(k.store.pendingCount()).toBe(10);
  });

  const errno = (code: string, syscall?: string): NodeJS.ErrnoException =>
    Object.assign(new Error(`${syscall ?? 'x'} ${code}`), { code, ...(syscall ? { syscall } : {}) });

  it.each([
    ['ETIMEDOUT', 'connect'],
    ['ENETDOWN', 'connect'],
    ['EHOSTDOWN', 'connect'],
    ['ECONNREFUSED', 'connect'],
    ['ECONNRESET', 'read'],
    ['EPIPE', 'write'],
    ['ENOTFOUND', 'getaddrinfo'],
    ['EAI_FAIL', 'getaddrinfo'],
    ['ECONNRESET', undefined], // "socket hang up"
  ])('the OS error %s (%s) is SYNC_NETWORK', (code, syscall) => {
    expect(failureCode(errno(code, syscall))).toBe('SYNC_NETWORK');
  });

  it.each([
    'INVALID_PURPOSE',
    'CERT_CHAIN_TOO_LONG',
    'UNABLE_TO_GET_CRL',
    'ERR_TLS_CERT_ALTNAME_INVALID',
    'EPROTO',
    'ERR_SSL_WRONG_VERSION_NUMBER',
  ])('%s is SYNC_TLS_UNTRUSTED', (code) => expect(failureCode(errno(code))).toBe('SYNC_TLS_UNTRUSTED'));

  it('a code it has no name for is SYNC_TLS_UNTRUSTED when the TLS socket refused the certificate', () => {
    expect(failureCode(errno('SOME_FUTURE_X509_ERROR'), true)).toBe('SYNC_TLS_UNTRUSTED');
  });

  it('a peer that answers but not in HTTP is SYNC_BAD_RESPONSE', () => {
    expect(failureCode(errno('HPE_INVALID_CONSTANT'))).toBe('SYNC_BAD_RESPONSE');
    expect(failureCode(errno('HPE_HEADER_OVERFLOW'))).toBe('SYNC_BAD_RESPONSE');
  });
});
