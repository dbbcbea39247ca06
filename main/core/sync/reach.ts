/**
 * `reachServer`: asks BMET's trust endpoint once over exactly the transport sync uses — the
 * same base URL, the same TLS trust (Node's CAs, the system's and the data dir's `bmet-ca.pem`),
 * plain http to loopback only — and says whether BMET answered, or the sync code of why not.
 * The answer's body is not read: reaching BMET is the test.
 */
import type { ConnectionTest } from '../../contract/setup.ts';
import { agentFor, exchange } from './http-client.ts';
import { checkServerUrl, serverBase } from './server-url.ts';
import { dataDirCa } from './tls.ts';

export async function reachServer(o: {
  server: string;
  dataDir: string;
  kioskId: string | null;
  deadlineMs: number;
}): Promise<ConnectionTest> {
  const checked = checkServerUrl(o.server);
  if (!checked.ok) return { ok: false, code: checked.code, detail: checked.why };
  const ca = dataDirCa(o.dataDir);
  if (ca && !ca.ok) return { ok: false, code: ca.code, detail: ca.why };
  const base = serverBase(checked.url);
  const agent = agentFor(base, ca?.pems);
  try {
    const r = await exchange({
      method: 'GET',
      url: new URL('v1/trust/latest', base),
      headers: { Accept: 'application/jose+json', ...(o.kioskId ? { 'X-BMET-Kiosk': o.kioskId } : {}) },
      limits: { deadlineMs: o.deadlineMs, maxResponseBytes: 64 * 1024 },
      agent,
      headersOnly: true,
    });
    if (!r.ok) return { ok: false, code: r.code, detail: r.message };
    const detail = `HTTP ${r.res.status}`;
    // BMET answering at all is the test (404: no bundle published yet); a 5xx is its server failing.
    if (r.res.status < 500) return { ok: true, code: null, detail };
    return { ok: false, code: r.res.status === 503 ? 'SYNC_BUSY' : 'SYNC_SERVER_ERROR', detail };
  } finally {
    agent.destroy();
  }
}
