/** (Being built.) */
export function ScheduleEditor(_props: { readonly segments: ReadonlyArray<string>; readonly query: Readonly<Record<string, string>> }) {
  return <div className="screen">ScheduleEditor</div>;
}
