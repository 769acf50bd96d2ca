/** Label values of one series. */
type Labels = Readonly<Record<string, string>>;

interface Series {
  readonly labels: Labels;
  value: number;
}

interface HistogramSeries {
  readonly labels: Labels;
  readonly counts: number[];
  sum: number;
  count: number;
}

function key(labels: Labels): string {
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join(',');
}

function renderLabels(labels: Labels, extra?: Readonly<Record<string, string>>): string {
  const all = { ...labels, ...extra };
  const parts = Object.keys(all).map((k) => `${k}="${String(all[k]).replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`);
  return parts.length > 0 ? `{${parts.join(',')}}` : '';
}

/** A counter with labels. */
export class Counter {
  readonly #series = new Map<string, Series>();
  constructor(
    readonly name: string,
    readonly help: string,
  ) {}

  inc(labels: Labels = {}, by = 1): void {
    const k = key(labels);
    const series = this.#series.get(k) ?? { labels, value: 0 };
    series.value += by;
    this.#series.set(k, series);
  }

  render(): string[] {
    return [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`, ...[...this.#series.values()].map((s) => `${this.name}${renderLabels(s.labels)} ${s.value}`)];
  }
}

/** A histogram with fixed buckets (upper bounds in the metric's unit). */
export class Histogram {
  readonly #series = new Map<string, HistogramSeries>();
  constructor(
    readonly name: string,
    readonly help: string,
    readonly buckets: ReadonlyArray<number>,
  ) {}

  observe(value: number, labels: Labels = {}): void {
    const k = key(labels);
    let series = this.#series.get(k);
    if (!series) {
      series = { labels, counts: this.buckets.map(() => 0), sum: 0, count: 0 };
      this.#series.set(k, series);
    }
    for (let i = 0; i < this.buckets.length; i++) if (value <= (this.buckets[i] as number)) (series.counts[i] as number)++;
    series.sum += value;
    series.count++;
  }

  render(): string[] {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    for (const s of this.#series.values()) {
      this.buckets.forEach((bound, i) => lines.push(`${this.name}_bucket${renderLabels(s.labels, { le: String(bound) })} ${s.counts[i]}`));
      lines.push(`${this.name}_bucket${renderLabels(s.labels, { le: '+Inf' })} ${s.count}`);
      lines.push(`${this.name}_sum${renderLabels(s.labels)} ${s.sum}`, `${this.name}_count${renderLabels(s.labels)} ${s.count}`);
    }
    return lines;
  }
}
