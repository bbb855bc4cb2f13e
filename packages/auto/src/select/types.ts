/** How to reach a Redis server over TCP. */
export interface RedisConnection {
  readonly host: string;
  readonly port: number;
  readonly username: string | undefined;
  readonly password: string | undefined;
  readonly tls: boolean;
  readonly db: number;
}

interface SelectionBase {
  /** Why this backend, in one sentence naming the variables. */
  readonly reason: string;
  /** The variables that decided it. */
  readonly variables: readonly string[];
  /** Things worth a warning that are not errors (a variable that is ignored, ...). */
  readonly notes: readonly string[];
}

/** Upstash over REST (`@rl/upstash` + `@upstash/redis`). */
export interface UpstashSelection extends SelectionBase {
  readonly backend: 'upstash';
  readonly url: string;
  readonly token: string;
  /** Timeout of one store call (REDIS_TIMEOUT, else 1000 ms: REST round trips include TLS and HTTP). */
  readonly timeoutMs: number;
}

/** Redis over TCP (`@rl/redis-tcp` + `ioredis`). */
export interface RedisSelection extends SelectionBase {
  readonly backend: 'redis';
  readonly connection: RedisConnection;
  /** Timeout of one store call and ioredis's `commandTimeout` (REDIS_TIMEOUT, else 200 ms). */
  readonly timeoutMs: number;
}

/** The in-process `@rl/memory` store. */
export interface MemorySelection extends SelectionBase {
  readonly backend: 'memory';
  /** REDIS_ENABLED=false. */
  readonly disabled: boolean;
  /** NODE_ENV=production. */
  readonly production: boolean;
  /** SKIP_REDIS_WARNING=true. */
  readonly silenced: boolean;
}

/** The backend the environment asks for, and why. Holds secrets: never log it whole; use `describeSelection`. */
export type BackendSelection = UpstashSelection | RedisSelection | MemorySelection;

/** Default call timeout for Redis over TCP, ms. */
export const DEFAULT_REDIS_TIMEOUT_MS = 200;
/** Default call timeout for Upstash over REST, ms. */
export const DEFAULT_UPSTASH_TIMEOUT_MS = 1000;
