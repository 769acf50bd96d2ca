import { errorInfoOf } from '@taskomatic/shared/ipc';
import { desktopApi } from '../../../api';
import { useCalendarStore } from '../../../stores/calendar-store';
import { useToastsStore } from '../../../stores/toasts-store';
import type { CalendarItem } from '../calendar-items';

/**
 * A block released in the past was not moved (UX.md: "Run now instead?"): the toast offers to run its schedule's
 * bunch now, which is what someone dragging work into the past usually wants.
 */
export function offerRunNow(item: CalendarItem): void {
  const scheduleId = item.scheduleId;
  if (scheduleId === undefined) return;
  const toasts = useToastsStore.getState();
  toasts.show({
    kind: 'info',
    text: `${item.label} not moved: that time has passed.`,
    action: {
      label: 'Run now instead',
      run: () => {
        desktopApi()
          .call(item.satelliteId, 'schedules.runNow', { id: scheduleId })
          .then(
            () => toasts.show({ kind: 'success', text: `${item.label} runs now` }),
            (error: unknown) => toasts.show({ kind: 'error', text: `${item.label} could not run now: ${errorInfoOf(error).message}` }),
          )
          .finally(() => useCalendarStore.getState().reload(item.satelliteId));
      },
    },
  });
}
