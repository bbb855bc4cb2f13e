import type { Client } from './harness.js';
import type { AdapterScenario } from './scenario.js';

/** Opens a scenario for the current test. */
export type Open = (scenario: Omit<AdapterScenario, 'prefix'>) => Promise<Client>;

/** Registers one conformance case under a stable id (the id is what `skip` names). */
export type Case = (id: string, title: string, body: (open: Open) => Promise<void>) => void;

/** 60 s fixed window at the scenario time: resets 40 s later. */
export const RESET_EPOCH_SECONDS = '1728000060';
export const RESET_ISO = '2024-10-04T00:01:00.000Z';
export const RETRY_AFTER = '40';

/** `n` requests of one shape. */
export const times = <T>(n: number, make: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => make(i));
