import type { ChangeInfo } from '../api/structs.js';
import type { ClientMethod } from './client-methods.js';
import type { AppInfo, ConnectionTest, SatelliteDraft, SatelliteView } from './satellite.js';

/**
 * What the renderer may ask of the main process: one map, from which the handlers' types (main), the preload's
 * `window.api` and the browser bridge are derived. Arguments and results cross a process boundary (structured
 * clone in Electron, tagged JSON in the browser host): plain data and dates only.
 */
export interface InvokeChannels {
  'app:info': { args: []; result: AppInfo };
  'satellites:list': { args: []; result: SatelliteView[] };
  'satellites:add': { args: [draft: SatelliteDraft]; result: SatelliteView };
  'satellites:update': { args: [id: string, draft: SatelliteDraft]; result: SatelliteView };
  'satellites:remove': { args: [id: string]; result: null };
  /** Tries a draft without saving it: reachability, certificate, login. */
  'satellites:test': { args: [draft: SatelliteDraft, id?: string]; result: ConnectionTest };
  /** Logs in again with a password the user typed (after "session expired"). */
  'satellites:login': { args: [id: string, password: string]; result: SatelliteView };
  /** Checks a satellite now instead of at the next health interval. */
  'satellites:refresh': { args: [id: string]; result: SatelliteView };
  /** Calls an API method of one satellite with the saved session (logging in again when it expired). */
  'api:call': { args: [satelliteId: string, method: ClientMethod, params: unknown[]]; result: unknown };
}

/** What the main process pushes to the renderer. */
export interface PushChannels {
  /** A satellite's connection changed (status, identity, health). */
  'satellite:state': SatelliteView;
  /** The satellite was removed. */
  'satellite:removed': { readonly id: string };
  /** What changed on a satellite since the last push; `reset` means "reload everything of it". */
  'satellite:changes': { readonly satelliteId: string; readonly changes: ChangeInfo[]; readonly reset: boolean };
}

export type InvokeChannel = keyof InvokeChannels;
export type PushChannel = keyof PushChannels;
export type InvokeArgs<C extends InvokeChannel> = InvokeChannels[C]['args'];
export type InvokeResult<C extends InvokeChannel> = InvokeChannels[C]['result'];

/** Every invoke channel, for the hosts to register and for checks of what a renderer asks. */
export const INVOKE_CHANNELS = [
  'app:info',
  'satellites:list',
  'satellites:add',
  'satellites:update',
  'satellites:remove',
  'satellites:test',
  'satellites:login',
  'satellites:refresh',
  'api:call',
] as const satisfies ReadonlyArray<InvokeChannel>;

/** Every push channel. */
export const PUSH_CHANNELS = ['satellite:state', 'satellite:removed', 'satellite:changes'] as const satisfies ReadonlyArray<PushChannel>;

/** True for a channel of the map (what a host checks before dispatching). */
export function isInvokeChannel(name: unknown): name is InvokeChannel {
  return typeof name === 'string' && (INVOKE_CHANNELS as ReadonlyArray<string>).includes(name);
}

// Both lists must name every channel of the maps; these fail to compile when one is missing.
type Missing<All, Listed> = Exclude<All, Listed>;
const everyInvoke: Missing<InvokeChannel, (typeof INVOKE_CHANNELS)[number]> extends never ? true : false = true;
const everyPush: Missing<PushChannel, (typeof PUSH_CHANNELS)[number]> extends never ? true : false = true;
void everyInvoke;
void everyPush;

/** The handlers a host registers: one per invoke channel. */
export type InvokeHandlers = { [C in InvokeChannel]: (...args: InvokeArgs<C>) => Promise<InvokeResult<C>> };

/** How the main process pushes to the renderer(s) it serves. */
export type PushSink = <C extends PushChannel>(channel: C, payload: PushChannels[C]) => void;
