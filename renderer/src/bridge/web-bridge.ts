import { decodeWire, encodeWire, PUSH_CHANNELS, type IpcOutcome, type IpcTransport, type PushChannel } from '@taskomatic/shared/ipc';

/**
 * The channel map over the browser host: requests as `POST /ipc/invoke` (the host's token travels in its
 * same-site cookie), pushes as server-sent events from `/ipc/events`. EventSource reconnects on its own when
 * the host restarts.
 */
export function webTransport(): IpcTransport {
  const listeners = new Map<PushChannel, Set<(payload: unknown) => void>>();
  const source = new EventSource('/ipc/events');
  for (const channel of PUSH_CHANNELS) {
    source.addEventListener(channel, (event) => {
      const payload = decodeWire((event as MessageEvent<string>).data);
      for (const listener of listeners.get(channel) ?? []) listener(payload);
    });
  }
  return {
    async invoke(channel, args) {
      let response: Response;
      try {
        response = await fetch('/ipc/invoke', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: encodeWire({ channel, args }) });
      } catch {
        return { ok: false, error: { kind: 'internal', message: 'The app host is not answering (was it stopped?)' } };
      }
      if (!response.ok) return { ok: false, error: { kind: 'internal', message: `The app host answered HTTP ${response.status}` } };
      return decodeWire(await response.text()) as IpcOutcome<unknown>;
    },
    subscribe(channel, listener) {
      const set = listeners.get(channel) ?? new Set();
      set.add(listener);
      listeners.set(channel, set);
      return () => set.delete(listener);
    },
  };
}
