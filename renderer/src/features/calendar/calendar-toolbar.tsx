import { CALENDAR_VIEWS, type CalendarView } from './view-range';

const NAMES: Record<CalendarView, string> = { day: 'Day', week: 'Week', month: 'Month', agenda: 'Agenda', timeline: 'Timeline' };
const KEYS: Record<CalendarView, string> = { day: 'd', week: 'w', month: 'm', agenda: 'a', timeline: 'l' };

/** Today, back and on, the range shown, and the view switch. */
export function CalendarToolbar({ view, title, zoneNote, onView, onStep, onToday }: { view: CalendarView; title: string; zoneNote: string; onView: (view: CalendarView) => void; onStep: (direction: -1 | 1) => void; onToday: () => void }) {
  return (
    <div className="calendar-toolbar">
      <button type="button" onClick={onToday} data-testid="calendar-today" title="Today (t)">
        Today
      </button>
      <button type="button" onClick={() => onStep(-1)} data-testid="calendar-prev" aria-label="Back" title="Back (← or k)">
        ‹
      </button>
      <button type="button" onClick={() => onStep(1)} data-testid="calendar-next" aria-label="On" title="On (→ or j)">
        ›
      </button>
      <strong className="calendar-toolbar__title">{title}</strong>
      <span className="muted calendar-toolbar__zone">{zoneNote}</span>
      <span className="calendar-toolbar__views" role="group" aria-label="View">
        {CALENDAR_VIEWS.map((name) => (
          <button type="button" key={name} className={name === view ? 'primary' : ''} aria-pressed={name === view} onClick={() => onView(name)} data-testid={`calendar-view-${name}`} title={`${NAMES[name]} (${KEYS[name]})`}>
            {NAMES[name]}
          </button>
        ))}
      </span>
    </div>
  );
}

export { KEYS as VIEW_KEYS, NAMES as VIEW_NAMES };
