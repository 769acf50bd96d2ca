import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SatelliteStore, type SatelliteRecord } from './satellite-store.js';

const folders: string[] = [];
function tempFolder(): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'h-main-store-'));
  folders.push(folder);
  return folder;
}
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

const SAT: Omit<SatelliteRecord, 'id'> = { name: 'sat-1', url: 'https://sat-1.example.com:2829', username: 'admin', colour: '#3b82f6', glyph: '●', sealedPassword: 'c2VhbGVk' };

describe('the saved list of satellites', () => {
  it('creates its folder for its owner only and starts empty', () => {
    const folder = path.join(tempFolder(), 'nested', 'satellites');
    expect(new SatelliteStore(folder).list()).toEqual([]);
    expect(statSync(folder).mode & 0o777).toBe(0o700);
  });

  it('keeps what it is told across restarts: add, replace, remove', () => {
    const folder = tempFolder();
    const store = new SatelliteStore(folder);
    const one = store.add(SAT);
    const two = store.add({ ...SAT, name: 'sat-2', trustedFingerprint: 'AB:CD' });
    expect(one.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(one.id).not.toBe(two.id);
    store.replace({ ...one, name: 'sat-one' });
    expect(new SatelliteStore(folder).list()).toEqual([{ ...one, name: 'sat-one' }, two]);
    store.remove(one.id);
    expect(new SatelliteStore(folder).list()).toEqual([two]);
    expect(new SatelliteStore(folder).get(two.id)).toEqual(two);
    expect(JSON.parse(readFileSync(path.join(folder, 'satellites.json'), 'utf8'))).toEqual({ version: 1, satellites: [two] });
  });

  it('writes a file only its owner can read, whatever the umask, even over a crashed write', () => {
    const folder = tempFolder();
    // What a crash in the middle of a write leaves behind: half a file, readable by all.
    const leftover = path.join(folder, `satellites.json.${process.pid}.tmp`);
    writeFileSync(leftover, '{"version":1,"satel', { mode: 0o644 });
    const umask = process.umask(0);
    try {
      new SatelliteStore(folder).add(SAT);
    } finally {
      process.umask(umask);
    }
    expect(statSync(path.join(folder, 'satellites.json')).mode & 0o777).toBe(0o600);
    expect(readdirSync(folder)).toEqual(['satellites.json']);
  });

  it('replaces the file whole on every change (a new file renamed over the old one)', () => {
    const folder = tempFolder();
    const file = path.join(folder, 'satellites.json');
    const store = new SatelliteStore(folder);
    store.add(SAT);
    const before = statSync(file).ino;
    const oldText = readFileSync(file, 'utf8');
    store.add({ ...SAT, name: 'sat-2' });
    // A reader holding the old file sees it whole; the new one is another inode, complete.
    expect(statSync(file).ino).not.toBe(before);
    expect(JSON.parse(oldText).satellites).toHaveLength(1);
    expect(JSON.parse(readFileSync(file, 'utf8')).satellites).toHaveLength(2);
    expect(readdirSync(folder)).toEqual(['satellites.json']);
  });

  it('says which file it cannot read and why, instead of starting empty over it', () => {
    const cases: Array<[content: string, message: RegExp]> = [
      ['{"version":1,"satellites":[{"id":"a"', /satellites\.json is not valid JSON \(.+\): repair or remove it to start again$/],
      ['null', /satellites\.json has no satellites list: repair or remove it to start again$/],
      ['{"version":1}', /satellites\.json has no satellites list/],
      [JSON.stringify({ version: 1, satellites: [{ ...SAT, id: 'a' }, { ...SAT, id: 'b', glyph: '?' }] }), /satellites\.json: satellite 2 of 2 lacks a field or has a wrong one: repair or remove it$/],
      [JSON.stringify({ version: 1, satellites: [{ ...SAT, id: 'a', sealedPassword: 42 }] }), /satellite 1 of 1 lacks a field or has a wrong one/],
    ];
    for (const [content, message] of cases) {
      const folder = tempFolder();
      const file = path.join(folder, 'satellites.json');
      writeFileSync(file, content);
      expect(() => new SatelliteStore(folder), content).toThrow(message);
      expect(readFileSync(file, 'utf8')).toBe(content);
    }
  });
});
