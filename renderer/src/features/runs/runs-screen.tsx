/** (Being built.) */
export function RunsScreen(_props: { readonly segments: ReadonlyArray<string>; readonly query: Readonly<Record<string, string>> }) {
  return <div className="screen">RunsScreen</div>;
}
