/** Fires closer than this on average make a schedule a band: as blocks (15 minutes tall at least) they would fill the columns. */
export const FREQUENT_GAP_MS = 30 * 60_000;
/** Fewer fires than this stay blocks, however close: a short burst is readable as it is. */
const FEW = 4;

/**
 * A schedule's fires in the range as a band when they are frequent: the server bands by count over the whole
 * range, so the fires left of today or of a partly shown range can still be hundreds of blocks. `everySeconds`
 * is given when the interval is regular, as the server's bands do.
 */
export function frequentBand(times: ReadonlyArray<Date>): { readonly count: number; readonly first: Date; readonly last: Date; readonly everySeconds?: number } | undefined {
  if (times.length < FEW) return undefined;
  const first = times[0]!.getTime();
  const last = times[times.length - 1]!.getTime();
  if ((last - first) / (times.length - 1) >= FREQUENT_GAP_MS) return undefined;
  const gap = times[1]!.getTime() - first;
  const regular = gap > 0 && gap % 1000 === 0 && times.every((time, index) => index === 0 || time.getTime() - times[index - 1]!.getTime() === gap);
  return { count: times.length, first: times[0]!, last: times[times.length - 1]!, ...(regular ? { everySeconds: gap / 1000 } : {}) };
}
