/** (Being built.) */
export function FleetScreen(_props: { readonly segments: ReadonlyArray<string>; readonly query: Readonly<Record<string, string>> }) {
  return <div className="screen">FleetScreen</div>;
}
