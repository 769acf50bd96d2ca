/** (Being built.) */
export function SchedulesScreen(_props: { readonly segments: ReadonlyArray<string>; readonly query: Readonly<Record<string, string>> }) {
  return <div className="screen">SchedulesScreen</div>;
}
