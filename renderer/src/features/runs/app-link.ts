/**
 * The address that opens the app at `hash` (a run, a line of its log), for copying: this window's address with
 * its hash replaced. (The browser host keeps its token in a cookie, never in the address.)
 */
export function appLink(hash: string, href: string = window.location.href): string {
  return `${href.split('#')[0] ?? ''}${hash}`;
}
