/**
 * Writes a long output (a log, a stream of results) with backpressure, so memory stays bounded however fast
 * the reader is. When the reader goes away (`| head`, a closed pipe), writing stops quietly: `closed` turns
 * true and the command ends early instead of dying on EPIPE.
 */
export class OutputWriter {
  readonly #stream: NodeJS.WritableStream;
  #closed = false;

  constructor(stream: NodeJS.WritableStream = process.stdout) {
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

  /** Writes `data`; resolves at once unless the stream's buffer is full, then when it has drained. */
  async write(data: string | Uint8Array): Promise<void> {
    if (this.#closed) return;
    if (this.#stream.write(data)) return;
    await new Promise<void>((resolve) => {
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
