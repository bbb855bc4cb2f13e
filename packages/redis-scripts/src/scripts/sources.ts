import { ALGORITHMS, type Algorithm } from '@rl/core';
import { LUA_ALGORITHMS } from '../lua/library.js';
import { consumeScript } from './consume.js';
import { peekScript } from './peek.js';
import { REFUND_SCRIPT } from './refund.js';
import { RELEASE_SCRIPT } from './release.js';

/** An operation: one script for any mix of rules, and for consume and peek one variant per algorithm. */
export type ScriptName = 'consume' | 'peek' | 'refund' | 'release';

/** `consume`, `peek`, `refund`, `release`, or a variant: `consume:fixed-window`, `peek:gcra`... */
export type ScriptId = ScriptName | `${'consume' | 'peek'}:${Algorithm}`;

/** A script's source, before its SHA1 is attached. */
export interface ScriptSource {
  readonly id: ScriptId;
  readonly name: ScriptName;
  /** The only algorithm whose rules it takes, or undefined when it takes any. */
  readonly algorithm: Algorithm | undefined;
  readonly source: string;
}

const variants = (name: 'consume' | 'peek', build: typeof consumeScript): ScriptSource[] =>
  ALGORITHMS.map((algorithm, code) => ({
    id: `${name}:${algorithm}` as const,
    name,
    algorithm,
    source: build(LUA_ALGORITHMS[code]),
  }));

/** Every script the stores may call, in a stable order (scripts/update-shas.mjs hashes them). */
export const SCRIPT_SOURCES: readonly ScriptSource[] = [
  { id: 'consume', name: 'consume', algorithm: undefined, source: consumeScript(undefined) },
  { id: 'peek', name: 'peek', algorithm: undefined, source: peekScript(undefined) },
  { id: 'refund', name: 'refund', algorithm: undefined, source: REFUND_SCRIPT },
  { id: 'release', name: 'release', algorithm: 'concurrency', source: RELEASE_SCRIPT },
  ...variants('consume', consumeScript),
  ...variants('peek', peekScript),
];
