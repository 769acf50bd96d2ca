import { randomUUID } from 'node:crypto';
import { closeSync, fchmodSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
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
 * atomically on every change (written beside, flushed to disk, renamed over) so a crash never leaves half a
 * file. A file the app cannot read is an error naming it, never silently emptied.
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
    const fd = openSync(temporary, 'w', 0o600);
    try {
      // The mode given to open is cut by the umask, and ignored for a file left over by a crash.
      fchmodSync(fd, 0o600);
      writeSync(fd, `${JSON.stringify({ version: 1, satellites: records }, null, 2)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
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
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file} is not valid JSON (${(error as Error).message}): repair or remove it to start again`, { cause: error });
  }
  const satellites = (parsed as { satellites?: unknown } | null)?.satellites;
  if (!Array.isArray(satellites)) throw new Error(`${file} has no satellites list: repair or remove it to start again`);
  const unreadable = satellites.findIndex((record) => !isRecord(record));
  if (unreadable >= 0) throw new Error(`${file}: satellite ${unreadable + 1} of ${satellites.length} lacks a field or has a wrong one: repair or remove it`);
  return satellites as SatelliteRecord[];
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
    (SATELLITE_GLYPHS as ReadonlyArray<string>).includes(record.glyph as string) &&
    (record.trustedFingerprint === undefined || typeof record.trustedFingerprint === 'string') &&
    (record.sealedPassword === undefined || typeof record.sealedPassword === 'string')
  );
}
