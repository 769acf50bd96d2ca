import http from 'node:http';

/** A request as a browser (or an attacker) could send it, byte for byte: the path is not normalized. */
export interface ProbeRequest {
  readonly port: number;
  readonly method?: string;
  /** Sent as is (`/../x` stays `/../x`). */
  readonly path: string;
  readonly headers?: Record<string, string>;
  readonly body?: string | Buffer;
}

export interface ProbeAnswer {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

/** Sends one request to 127.0.0.1 with exactly these headers (Host defaults to 127.0.0.1:port). */
export function probe(request: ProbeRequest): Promise<ProbeAnswer> {
  return new Promise((resolve, reject) => {
    const outgoing = http.request({
      host: '127.0.0.1',
      port: request.port,
      method: request.method ?? 'GET',
      path: request.path,
      headers: { Host: `127.0.0.1:${request.port}`, ...request.headers },
      agent: false,
    });
    outgoing.on('error', reject);
    outgoing.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    outgoing.end(request.body);
  });
}

/** One server-sent event. */
export interface SentEvent {
  readonly event: string;
  readonly data: string;
}

/** A server-sent events stream read frame by frame. */
export class EventStream {
  readonly #request: http.ClientRequest;
  readonly #events: SentEvent[] = [];
  readonly #waiters = new Set<() => void>();
  #buffer = '';
  status = 0;

  private constructor(request: http.ClientRequest) {
    this.#request = request;
  }

  /** Opens `path` and resolves once the response headers arrived. */
  static open(port: number, path: string, headers: Record<string, string>): Promise<EventStream> {
    return new Promise((resolve, reject) => {
      const request = http.get({ host: '127.0.0.1', port, path, headers: { Host: `127.0.0.1:${port}`, ...headers }, agent: false });
      const stream = new EventStream(request);
      request.on('error', reject);
      request.on('response', (response) => {
        stream.status = response.statusCode ?? 0;
        response.setEncoding('utf8');
        response.on('data', (text: string) => stream.#read(text));
        response.on('error', () => undefined);
        resolve(stream);
      });
    });
  }

  /** Resolves with the next event named `event` not yet taken, or rejects after `timeoutMs`. */
  take(event: string, timeoutMs = 5_000): Promise<SentEvent> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const index = this.#events.findIndex((item) => item.event === event);
        if (index < 0) return false;
        const [found] = this.#events.splice(index, 1);
        this.#waiters.delete(checkLater);
        clearTimeout(timer);
        resolve(found!);
        return true;
      };
      const checkLater = () => void check();
      const timer = setTimeout(() => {
        this.#waiters.delete(checkLater);
        reject(new Error(`no ${event} event within ${timeoutMs} ms`));
      }, timeoutMs);
      if (!check()) this.#waiters.add(checkLater);
    });
  }

  close(): void {
    this.#request.destroy();
  }

  #read(text: string): void {
    this.#buffer += text;
    let end: number;
    while ((end = this.#buffer.indexOf('\n\n')) >= 0) {
      const frame = this.#buffer.slice(0, end);
      this.#buffer = this.#buffer.slice(end + 2);
      let event = 'message';
      const data: string[] = [];
      for (const line of frame.split('\n')) {
        if (line.startsWith('event: ')) event = line.slice(7);
        else if (line.startsWith('data: ')) data.push(line.slice(6));
      }
      if (data.length > 0) this.#events.push({ event, data: data.join('\n') });
    }
    for (const waiter of [...this.#waiters]) waiter();
  }
}
