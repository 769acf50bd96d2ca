/** (Being built.) */
export function RunDetailScreen(_props: { readonly segments: ReadonlyArray<string>; readonly query: Readonly<Record<string, string>> }) {
  return <div className="screen">RunDetailScreen</div>;
}
