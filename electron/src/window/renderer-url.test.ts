import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isRendererUrl } from './renderer-url.js';

const DIR = '/opt/Taskomatic/resources/app/renderer/dist';
const PAGE = pathToFileURL(`${DIR}/index.html`).href;

describe("the trusted-sender check of the Electron app's IPC", () => {
  it("trusts the renderer's own page, whatever its route", () => {
    expect(isRendererUrl(PAGE, DIR)).toBe(true);
    expect(isRendererUrl(`${PAGE}#/schedules/3?sat=a`, DIR)).toBe(true);
  });

  it('trusts nothing else: another file, another folder, the web, a remote file host, nothing', () => {
    for (const url of [
      pathToFileURL(`${DIR}/other.html`).href,
      pathToFileURL('/tmp/index.html').href,
      pathToFileURL(`${DIR}-evil/index.html`).href,
      `file://evil.example${DIR}/index.html`,
      `https://evil.example${DIR}/index.html`,
      'about:blank',
      'devtools://devtools/bundled/index.html',
      'not a url',
      '',
      undefined,
    ]) {
      expect(isRendererUrl(url, DIR), String(url)).toBe(false);
    }
  });
});
