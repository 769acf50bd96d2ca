/**
 * The Content-Security-Policy of the renderer, the same in both hosts (a header in the browser host, a header
 * and the page's meta tag in Electron): only the app's own scripts and styles, no eval, no inline script, no
 * plugins, no framing; the renderer reaches the network only through the main process.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');
