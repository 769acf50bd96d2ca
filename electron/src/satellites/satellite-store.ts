import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SATELLITE_GLYPHS, type SatelliteGlyph } from '@taskomatic/shared/ipc';

/** A saved satellite, as written to `satellites.json` (the password only sealed, never in plain text). */
export interface SatelliteRecord {
  readonly id: string;
  readonly name: string;
  readonly url: string;
  readonly username: string;
  readonly colour: string;
  readonly glyph: SatelliteGlyph;
  readonly trustedFingerprint?: string;
  /** The password sealed by the secret store; absent when none is saved. */
  readonly sealedPassword?: string;
}

const FILE = 'satellites.json';

/**
 * The saved list of satellites: one JSON file in the app's data folder, readable only by its owner, replaced
 * atomically on every change so a crash never leaves half a file.
 */
export class SatelliteStore {
  readonly #file: string;
  #records: SatelliteRecord[];

  constructor(folder: string) {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    this.#file = path.join(folder, FILE);
    this.#records = readRecords(this.#file);
  }

  list(): ReadonlyArray<SatelliteRecord> {
    return this.#records;
  }

  get(id: string): SatelliteRecord | undefined {
    return this.#records.find((record) => record.id === id);
  }

  add(record: Omit<SatelliteRecord, 'id'>): SatelliteRecord {
    const saved = { ...record, id: randomUUID() };
    this.#write([...this.#records, saved]);
    return saved;
  }

  replace(record: SatelliteRecord): void {
    this.#write(this.#records.map((item) => (item.id === record.id ? record : item)));
  }

  remove(id: string): void {
    this.#write(this.#records.filter((item) => item.id !== id));
  }

  #write(records: SatelliteRecord[]): void {
    const temporary = `${this.#file}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify({ version: 1, satellites: records }, null, 2)}\n`, { mode: 0o600 });
    renameSync(temporary, this.#file);
    this.#records = records;
  }
}

function readRecords(file: string): SatelliteRecord[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new Error(`Cannot read ${file}`, { cause: error });
  }
  const parsed = JSON.parse(text) as { satellites?: unknown };
  if (!Array.isArray(parsed.satellites)) throw new Error(`${file} has no satellites list`);
  return parsed.satellites.filter(isRecord);
}

function isRecord(value: unknown): value is SatelliteRecord {
  const record = value as Partial<SatelliteRecord>;
  return (
    typeof record === 'object' &&
    record !== null &&
    typeof record.id === 'string' &&
    typeof record.name === 'string' &&
    typeof record.url === 'string' &&
    typeof record.username === 'string' &&
    typeof record.colour === 'string' &&
    (SATELLITE_GLYPHS as ReadonlyArray<string>).includes(record.glyph as string)
  );
}
