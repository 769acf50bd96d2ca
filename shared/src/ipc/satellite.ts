/**
 * Satellites as the desktop app's main process keeps them. The renderer sees `SatelliteView`: never a
 * password, never a session key; those stay in the main process.
 */

/** How a satellite's connection is doing, as the health dot shows it. */
export type ConnectionStatus =
  /** Not tried yet (just added, or the app just started). */
  | 'connecting'
  /** Answering, within the slow threshold. */
  | 'connected'
  /** Answering, but the last health check took longer than the slow threshold. */
  | 'slow'
  /** Not answering (refused, timed out, DNS); the last data stays shown, greyed. */
  | 'offline'
  /** Logged out and the saved password no longer works (or none is saved): the user must log in again. */
  | 'expired'
  /** The server's certificate is not the one that was trusted: nothing is sent until the user decides. */
  | 'untrusted';

/** One glyph per satellite, so it is never told apart by colour alone. */
export const SATELLITE_GLYPHS = ['●', '▲', '■', '◆', '★', '✚', '⬟', '⬢'] as const;
export type SatelliteGlyph = (typeof SATELLITE_GLYPHS)[number];

/** What the user types to add or edit a satellite. */
export interface SatelliteDraft {
  readonly name: string;
  /** `https://host:2829` or `http://127.0.0.1:2829`; `/rpc/api` is appended. */
  readonly url: string;
  readonly username: string;
  /** Absent when editing and the password is unchanged. */
  readonly password?: string;
  /** CSS colour, e.g. `#3b82f6`. */
  readonly colour: string;
  readonly glyph: SatelliteGlyph;
  /** SHA-256 fingerprint the user accepted for an HTTPS server (`AB:CD:…`). */
  readonly trustedFingerprint?: string;
}

/** Who the app is logged in as on a satellite. */
export interface SatelliteIdentity {
  readonly username: string;
  readonly role: 'sat-admin' | 'org-admin';
  readonly orgId?: number;
  readonly org?: string;
}

/** What the server's `GET /health` said last. */
export interface SatelliteHealth {
  readonly status: 'ok' | 'degraded';
  readonly version: string;
  readonly uptimeSeconds: number;
  /** The server's clock when it answered. */
  readonly clock: Date;
  /** Server clock minus ours, corrected by half the round trip, in milliseconds. */
  readonly clockSkewMs: number;
  readonly databaseOk: boolean;
  readonly schedulerRunning: boolean;
  readonly schedules: number;
  readonly runsUnderWay: number;
  readonly nextFireAt?: Date;
}

/** A satellite as the renderer sees it. */
export interface SatelliteView {
  readonly id: string;
  readonly name: string;
  readonly url: string;
  readonly username: string;
  readonly colour: string;
  readonly glyph: SatelliteGlyph;
  readonly trustedFingerprint?: string;
  /** Whether a password is stored (encrypted) for this satellite. */
  readonly passwordSaved: boolean;
  readonly status: ConnectionStatus;
  /** Why it is offline, expired or untrusted, in words. */
  readonly statusReason?: string;
  /** Round trip of the last health check, in milliseconds. */
  readonly latencyMs?: number;
  /** When the satellite last answered. */
  readonly lastSeen?: Date;
  readonly identity?: SatelliteIdentity;
  readonly health?: SatelliteHealth;
  /** The server's default time zone (its settings), for "satellite time". */
  readonly timeZone?: string;
}

/** The answer of "Test connection". */
export type ConnectionTest =
  | { readonly ok: true; readonly identity: SatelliteIdentity; readonly version: string; readonly fingerprint?: string; readonly latencyMs: number }
  | {
      readonly ok: false;
      /** `untrusted`: an HTTPS certificate not yet trusted; accept `fingerprint` to go on. */
      readonly problem: 'untrusted' | 'unreachable' | 'login' | 'protocol';
      readonly message: string;
      readonly fingerprint?: string;
    };

/** Where passwords go, and whether they can be kept at all. */
export interface KeyringInfo {
  /** True when passwords are stored encrypted by the OS keyring (Electron's safeStorage). */
  readonly available: boolean;
  /** Why not, in words ("no OS keyring: passwords are kept only until the app quits"). */
  readonly reason?: string;
}

/** The app itself. */
export interface AppInfo {
  readonly host: 'electron' | 'browser';
  readonly version: string;
  readonly keyring: KeyringInfo;
}
