/**
 * The engine's transport: one keep-alive agent for BMET (TLS trust per tls.ts, plain http
 * only to loopback), and the signed batch upload of sync-protocol.md. The state machine
 * (engine.ts) decides what to send and what an answer means; this only carries it.
 */
import type { KeyObject } from 'node:crypto';
import type http from 'node:http';
import type { Batch } from './batch.ts';
import { agentFor, exchange, type HttpLimits, type HttpOutcome } from './http-client.ts';
import { serverBase } from './server-url.ts';
import { signRequest } from './wire.ts';

export class BatchTransport {
  readonly base: URL;
  readonly agent: http.Agent;
  private readonly kioskId: string;
  private readonly privateKey: KeyObject;
  private readonly limits: HttpLimits;

  constructor(o: {
    server: string;
    kioskId: string;
    privateKey: KeyObject;
    limits: HttpLimits;
    extraCas?: readonly string[];
  }) {
    this.base = serverBase(o.server);
    this.agent = agentFor(this.base, o.extraCas);
    this.kioskId = o.kioskId;
    this.privateKey = o.privateKey;
    this.limits = o.limits;
  }

  /** POSTs one batch, signed with the given time (RFC 3339). */
  post(batch: Batch, timestamp: string): Promise<HttpOutcome> {
    const url = new URL(`v1/kiosks/${encodeURIComponent(this.kioskId)}/batches`, this.base);
    return exchange({
      method: 'POST',
      url,
      agent: this.agent,
      limits: this.limits,
      body: batch.body,
      headers: {
        'Content-Type': 'application/json',
        'Content-Encoding': 'gzip',
        Accept: 'application/json',
        'Idempotency-Key': batch.batchId,
        'X-BMET-Kiosk': this.kioskId,
        'X-BMET-Timestamp': timestamp,
        'X-BMET-Signature': signRequest(this.privateKey, timestamp, batch.body),
      },
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
