import { useEffect, useState } from 'react';

/**
 * This computer's clock, re-read every `everyMs` while `ticking` (default: always): "running for 12 min",
 * "overdue by 5 min" and "in 2 min" move on without new data.
 */
export function useNow(everyMs: number, ticking = true): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!ticking) return undefined;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs, ticking]);
  return now;
}
