import { useEffect, useState } from 'react';

/** This computer's clock, re-read every `everyMs`: "running for 12 min" and "overdue" move on without new data. */
export function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
