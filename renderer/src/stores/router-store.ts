import { create } from 'zustand';

/**
 * Where the app is, kept in the URL's hash so that links (a satellite, a run, a line of its log) open the app
 * at that place: `#/runs/<satellite>/<bunch run>?step=2&lines=120-140`.
 */
export interface Route {
  /** Path segments after `#/` (`['runs', 'sat-id', '42']`). */
  readonly segments: ReadonlyArray<string>;
  readonly query: Readonly<Record<string, string>>;
}

export function parseHash(hash: string): Route {
  const text = hash.replace(/^#\/?/, '');
  const [path = '', search = ''] = text.split('?', 2);
  const segments = path.split('/').filter(Boolean).map(decodeURIComponent);
  const query: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(search)) query[key] = value;
  return { segments, query };
}

/** The hash of a route. */
export function hashOf(segments: ReadonlyArray<string | number>, query: Readonly<Record<string, string | number | undefined>> = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') search.set(key, String(value));
  const text = search.toString();
  return `#/${segments.map((segment) => encodeURIComponent(String(segment))).join('/')}${text ? `?${text}` : ''}`;
}

interface RouterState {
  readonly route: Route;
  navigate(segments: ReadonlyArray<string | number>, query?: Readonly<Record<string, string | number | undefined>>): void;
  /** Changes the query of the current route without a new history entry (filters). */
  replaceQuery(query: Readonly<Record<string, string | number | undefined>>): void;
}

export const useRouterStore = create<RouterState>()((set, get) => ({
  route: parseHash(location.hash),
  navigate(segments, query) {
    location.hash = hashOf(segments, query);
  },
  replaceQuery(query) {
    history.replaceState(null, '', hashOf(get().route.segments, query));
    set({ route: parseHash(location.hash) });
  },
}));

window.addEventListener('hashchange', () => useRouterStore.setState({ route: parseHash(location.hash) }));
