import type { Writable } from 'node:stream';

/** Text gathered before one write: one write per answer would cost more than computing the answers. */
const BATCH_CHARS = 64 * 1024;

/**
 * Writes a long output (a log, a stream of answers) with backpressure, so memory stays bounded however slow
 * the reader is. When the reader goes away (`| head`, a closed pipe), writing stops quietly: `closed` turns
 * true and the command ends early instead of dying on EPIPE.
 */
export class OutputWriter {
  readonly #stream: Writable;
  #closed = false;
  #batch = '';
  #batchTimer: NodeJS.Immediate | null = null;

  constructor(stream: Writable = process.stdout) {
    this.#stream = stream;
    const close = (): void => {
      this.#closed = true;
    };
    stream.on('error', close);
    stream.on('close', close);
  }

  /** True once the reader has gone; further writes are dropped. */
  get closed(): boolean {
    return this.#closed;
  }

  /** Writes `data` now; resolves once the stream can take more (at once, unless its buffer is full). */
  async write(data: string | Uint8Array): Promise<void> {
    if (this.#stream.writableNeedDrain) await this.#drained();
    if (this.#closed) return;
    if (!this.#stream.write(data)) await this.#drained();
  }

  /**
   * Adds `text` to a batch, written when it is big enough or as soon as no more work is ready (the event loop
   * goes idle), so a program that writes one question and waits still gets its answer at once.
   */
  async writeBatched(text: string): Promise<void> {
    this.#batch += text;
    if (this.#batch.length >= BATCH_CHARS) {
      await this.flush();
      return;
    }
    this.#batchTimer ??= setImmediate(() => {
      this.#batchTimer = null;
      void this.flush();
    });
  }

  /** Writes what `writeBatched` has gathered. */
  async flush(): Promise<void> {
    if (this.#batchTimer !== null) clearImmediate(this.#batchTimer);
    this.#batchTimer = null;
    const text = this.#batch;
    this.#batch = '';
    if (text !== '') await this.write(text);
  }

  #drained(): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = (): void => {
        this.#stream.off('drain', done);
        this.#stream.off('error', done);
        this.#stream.off('close', done);
        resolve();
      };
      this.#stream.on('drain', done);
      this.#stream.on('error', done);
      this.#stream.on('close', done);
    });
  }
}
