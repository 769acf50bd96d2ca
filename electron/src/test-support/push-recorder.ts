import type { PushChannel, PushChannels, PushSink, SatelliteView } from '@taskomatic/shared/ipc';

/** One push as the main process sent it. */
export type RecordedPush = { [C in PushChannel]: { readonly channel: C; readonly payload: PushChannels[C] } }[PushChannel];

/** Keeps every push of a fleet, and lets a test await the next one that matches. */
export class PushRecorder {
  readonly pushes: RecordedPush[] = [];
  readonly #waiters = new Set<(push: RecordedPush) => void>();

  /** The sink to give the fleet. */
  readonly sink: PushSink = (channel, payload) => {
    const push = { channel, payload } as RecordedPush;
    this.pushes.push(push);
    for (const waiter of [...this.#waiters]) waiter(push);
  };

  /**
   * Resolves with a satellite's view once it matches: at once when `current` (its view now) does, else at the
   * first state push that does.
   */
  state(id: string, matches: (view: SatelliteView) => boolean, current: () => ReadonlyArray<SatelliteView>, timeoutMs = 10_000): Promise<SatelliteView> {
    const now = current().find((view) => view.id === id);
    if (now && matches(now)) return Promise.resolve(now);
    return this.next('satellite:state', (view) => view.id === id && matches(view), timeoutMs);
  }

  /** Resolves with the first push from now on of `channel` whose payload matches, or rejects after `timeoutMs`. */
  next<C extends PushChannel>(channel: C, matches: (payload: PushChannels[C]) => boolean = () => true, timeoutMs = 10_000): Promise<PushChannels[C]> {
    return new Promise((resolve, reject) => {
      const waiter = (push: RecordedPush) => {
        if (push.channel !== channel || !matches(push.payload as PushChannels[C])) return;
        this.#waiters.delete(waiter);
        clearTimeout(timer);
        resolve(push.payload as PushChannels[C]);
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(waiter);
        const last = this.pushes.slice(-5).map((push) => JSON.stringify(push).slice(0, 300));
        reject(new Error(`no ${channel} push matched within ${timeoutMs} ms; the last pushes: ${last.join('\n')}`));
      }, timeoutMs);
      this.#waiters.add(waiter);
    });
  }
}
