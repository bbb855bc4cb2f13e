import type { Store } from '@rl/core';

/** What the suite hands a store factory. */
export interface StoreFactoryContext {
  /** A key prefix unique to this test: keep it if the store namespaces keys itself. */
  readonly prefix: string;
}

/** Builds a fresh store for one test. The suite closes it after the test. */
export type StoreFactory = (context: StoreFactoryContext) => Store | Promise<Store>;

/** A back door to the store's raw storage, so garbage collection can be proven. */
export interface StoreInspector {
  /** Milliseconds until `key` is dropped, measured at `now` (the suite's virtual time); undefined when absent. */
  ttlMs(key: string, now: number): Promise<number | undefined>;
  /** Keys currently stored under `prefix`. */
  keyCount(prefix: string): Promise<number>;
}

/** The groups of the store suite, for `skip` and `only`. */
export type StoreGroup =
  | 'contract'
  | 'semantics'
  | 'multi-rule'
  | 'isolation'
  | 'peek-reset-refund'
  | 'concurrency'
  | 'atomicity'
  | 'differential'
  | 'hostile-identifiers'
  | 'garbage-collection';

/** Options of `describeStore`. */
export interface DescribeStoreOptions {
  /** Runs of the differential property test. Default 1000. */
  numRuns?: number;
  /** Parallel calls in the atomicity test. Default 200. */
  parallelCalls?: number;
  /** Needed by the garbage-collection group. */
  inspect?: StoreInspector;
  /**
   * Registers only these groups (for a second registration of the same store in another
   * configuration, e.g. exact expiry); the others are not registered at all. Default: every group.
   */
  only?: readonly StoreGroup[];
  /** Groups to leave out, each with the reason printed in the report. */
  skip?: Partial<Record<StoreGroup, string>>;
  /** Per-test timeout in ms. Default 60 000. */
  timeout?: number;
}
