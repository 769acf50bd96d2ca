import type { BunchInfo, TaskInfoStruct } from '@taskomatic/shared';

/** A bunch's steps in order: task, its condition, and what the catalog says of it (exclusive, unavailable). */
export function BunchSteps({ bunch, tasks, detailed = false }: { bunch: BunchInfo; tasks: ReadonlyArray<TaskInfoStruct>; detailed?: boolean }) {
  const byName = new Map(tasks.map((task) => [task.name, task]));
  return (
    <ol className="bunch-steps">
      {bunch.steps.map((step, index) => {
        const task = byName.get(step.task);
        return (
          <li key={`${index}-${step.task}`} className="bunch-steps__step">
            <code>{step.task}</code>
            {step.startIf && <span className="muted"> only if the step before {step.startIf === 'FINISHED' ? 'finished' : 'failed'}</span>}
            {task && !task.parallelizable && (
              <span className="bunch-steps__tag" title="Never runs twice at once on this satellite: a second run waits (POSTPONED)">
                one at a time
              </span>
            )}
            {task && !task.available && (
              <span className="bunch-steps__tag bunch-steps__tag--warning" title={task.unavailableReason}>
                ⚠ unavailable
              </span>
            )}
            {!task && <span className="bunch-steps__tag bunch-steps__tag--warning">not in the catalog</span>}
            {detailed && task && (
              <div className="muted bunch-steps__description">
                {task.description}
                {!task.available && task.unavailableReason ? ` — ${task.unavailableReason}` : ''}
              </div>
            )}
          </li>
        );
      })}
    </ol>
  );
}
