/**
 * `window.kiosk` for a page served by the loopback host: calls are POSTs and events
 * arrive over one WebSocket, both relative to the page's own token-bearing address.
 * The WebSocket reconnects by itself; `onConnection` tells the screen whether it is up.
 */
import {
  buildKioskApi,
  CHANNELS,
  type EventName,
  type KioskApi,
  type Reply,
} from '../../main/contract/api.ts';

export interface LoopbackKiosk {
  api: KioskApi;
  /** Called with true/false whenever the event socket opens or drops (true again means: refresh). */
  onConnection(listener: (up: boolean) => void): void;
}

export function loopbackKiosk(base: URL = new URL('./', location.href)): LoopbackKiosk {
  const listeners = new Map<EventName, Set<(p: unknown) => void>>();
  const connection = new Set<(up: boolean) => void>();
  let delay = 500;

  function connect(): void {
    const url = new URL(CHANNELS.ws, base);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const ws = new WebSocket(url);
    ws.onopen = () => {
      delay = 500;
      for (const l of connection) l(true);
    };
    ws.onmessage = (m) => {
      let msg: { event?: EventName; payload?: unknown };
      try {
        msg = JSON.parse(String(m.data));
      } catch {
        return;
      }
      if (msg.event) for (const l of listeners.get(msg.event) ?? []) l(msg.payload);
    };
    ws.onclose = () => {
      for (const l of connection) l(false);
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 5000);
    };
  }
  connect();

  const api = buildKioskApi({
    async invoke(m, args): Promise<Reply<unknown>> {
      try {
        const res = await fetch(new URL(CHANNELS.httpCall(m), base), {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(args),
        });
        return (await res.json()) as Reply<unknown>;
      } catch (err) {
        return { ok: false, error: { code: 'HOST_UNREACHABLE', message: (err as Error).message } };
      }
    },
    subscribe(e, listener) {
      let set = listeners.get(e);
      if (!set) listeners.set(e, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    },
  });
  return { api, onConnection: (l) => void connection.add(l) };
}
