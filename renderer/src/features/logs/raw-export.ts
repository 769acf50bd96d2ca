import { MAX_READ_BYTES, readRange, type StreamRef } from './log-reads';
import { trimCutTail } from './utf8-bytes';

/**
 * The whole stream as the satellite stores it (colour codes and carriage returns kept), read in pages of the
 * API's largest read. `onProgress` gets the bytes read so far and the stream's size.
 */
export async function readWholeStream(ref: StreamRef, onProgress?: (read: number, size: number) => void, signal?: AbortSignal): Promise<string> {
  const parts: string[] = [];
  let offset = 0;
  for (;;) {
    signal?.throwIfAborted();
    const slice = await readRange(ref, offset, MAX_READ_BYTES);
    // A character cut by the page's end is read whole with the next page.
    const page = slice.final ? { text: slice.data, bytes: slice.bytes } : trimCutTail(slice.data, slice.bytes);
    parts.push(page.text);
    offset = slice.offset + page.bytes;
    onProgress?.(offset, slice.size);
    if (page.bytes === 0 || offset >= slice.size) break;
  }
  return parts.join('');
}

/**
 * Saves text as a file through the browser's own download (a Blob and a link with `download`): the same in
 * Electron (its save dialog) and in the browser host, and no file-system access for the renderer.
 */
export function downloadText(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
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
