/** (Being built.) */
export function AdminScreen(_props: { readonly segments: ReadonlyArray<string>; readonly query: Readonly<Record<string, string>> }) {
  return <div className="screen">AdminScreen</div>;
}
