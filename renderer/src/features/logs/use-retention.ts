import { useEffect, useState } from 'react';
import { desktopApi } from '../../api';

/**
 * How many days the satellite keeps runs (its settings), asked only when `needed`: when a log is not found,
 * to tell a run removed by retention from one not permitted.
 */
export function useRetention(satelliteId: string, needed: boolean): number | undefined {
  const [days, setDays] = useState<number>();
  useEffect(() => {
    if (!needed || days !== undefined) return undefined;
    let cancelled = false;
    desktopApi()
      .call(satelliteId, 'settings.get')
      .then(
        (settings) => !cancelled && setDays(settings.retentionDays),
        () => undefined, // Without the setting, a missing log is shown as "not permitted or removed".
      );
    return () => {
      cancelled = true;
    };
  }, [satelliteId, needed, days]);
  return days;
}
