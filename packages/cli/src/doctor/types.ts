/** `pass`: fine. `warn`: works, but something can go wrong. `fail`: rate limiting will not work as configured. */
export type CheckStatus = 'pass' | 'warn' | 'fail' | 'info' | 'skip';

/** One line of the report. */
export interface CheckResult {
  /** Stable identifier for machines: `environment`, `connection`, `ping`, `server`, `maxmemory-policy`, `acl`, `scripts`, `round-trip`. */
  readonly id: string;
  readonly status: CheckStatus;
  /** One sentence for humans (never a password or token). */
  readonly message: string;
  /** Measurements and facts, for `--json`. */
  readonly data?: Readonly<Record<string, unknown>>;
}

/** What `rl doctor` found. */
export interface DoctorReport {
  /** False when any check failed (or, with `strict`, warned). */
  readonly ok: boolean;
  readonly backend: 'upstash' | 'redis' | 'memory' | null;
  /** Why that backend (names the variables). */
  readonly reason: string | null;
  /** Where it points, secrets masked. */
  readonly target: string | null;
  readonly checks: readonly CheckResult[];
  readonly summary: Readonly<Record<CheckStatus, number>>;
}

/** Options of `runDoctor`. */
export interface DoctorOptions {
  /** The environment to read, like `createStoreFromEnv`. Default `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Key prefix your limiters use (the ACL check writes and deletes one key under it). Default `rl`. */
  prefix?: string;
  /** Treat warnings as failures. */
  strict?: boolean;
  /** Round trips measured per check (the median is reported). Default 5. */
  samples?: number;
}
