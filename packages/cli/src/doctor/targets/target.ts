import type { Store } from '@rl/core';

/** What the doctor needs from a backend, whether Redis over TCP or Upstash over REST. */
export interface DoctorTarget {
  /** `standalone` or `cluster (N masters)`, for the server line. */
  readonly mode: string;
  ping(): Promise<unknown>;
  /** `INFO <section>` text; rejects where the service does not offer it. */
  info(section: string): Promise<string>;
  /** `ACL WHOAMI`; rejects where unsupported. */
  whoami(): Promise<string>;
  /** `SCRIPT LOAD` on every master; resolves each master's SHA1. */
  scriptLoad(source: string): Promise<string[]>;
  /** `EVAL source numkeys ...keys ...args`. */
  evalScript(source: string, keys: string[], args: string[]): Promise<unknown>;
  /** `DEL ...keys`. */
  del(...keys: string[]): Promise<unknown>;
  /** The @rl store on the same client, for the script round trips. */
  readonly store: Store;
  close(): Promise<void>;
}
