import { MAX_READ_BYTES, readRange, type StreamRef } from './log-reads';

/**
 * The whole stream as the satellite stores it, byte for byte (colour codes, carriage returns and bytes that are
 * not UTF-8 kept), read in pages of the API's largest read. `onProgress` gets the bytes read so far and the
 * stream's size.
 */
export async function readWholeStream(ref: StreamRef, onProgress?: (read: number, size: number) => void, signal?: AbortSignal): Promise<Blob> {
  const parts: Uint8Array<ArrayBuffer>[] = [];
  let offset = 0;
  for (;;) {
    signal?.throwIfAborted();
    const slice = await readRange(ref, offset, MAX_READ_BYTES);
    parts.push(new Uint8Array(slice.data)); // A copy: a Blob takes no view that may be of shared memory.
    offset = slice.offset + slice.data.length;
    onProgress?.(offset, slice.size);
    if (slice.data.length === 0 || offset >= slice.size) break;
  }
  return new Blob(parts, { type: 'text/plain;charset=utf-8' });
}

/**
 * Saves a file through the browser's own download (a Blob and a link with `download`): the same in Electron
 * (its save dialog) and in the browser host, and no file-system access for the renderer.
 */
export function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has taken its copy once the click is handled.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file name for a run's stream: `sat-1-run-42-stdout.log`. */
export function logFileName(satelliteName: string, runId: number, stream: string): string {
  return `${satelliteName.replace(/[^A-Za-z0-9._-]+/g, '_')}-run-${runId}-${stream}.log`;
}
