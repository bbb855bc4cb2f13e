import type { Algorithm } from '@rl/core';
import { SHA1S } from '../shas.js';
import { SCRIPT_SOURCES, type ScriptId, type ScriptName, type ScriptSource } from './sources.js';

/** One Lua script and the SHA1 that `EVALSHA` calls it by. */
export interface LuaScript extends ScriptSource {
  /** Precomputed (see scripts/update-shas.mjs) so nothing hashes at runtime; a test re-checks it. */
  readonly sha1: string;
}

/** Every script, the variants included, in a stable order. */
export const ALL_SCRIPTS: readonly LuaScript[] = Object.freeze(
  SCRIPT_SOURCES.map((script) => Object.freeze({ ...script, sha1: SHA1S[script.id] ?? '' })),
);

const byId = (id: ScriptId): LuaScript => ALL_SCRIPTS.find((script) => script.id === id) as LuaScript;

/** The script of each operation that takes any mix of rules (release: concurrency rules only). */
export const SCRIPTS: Readonly<Record<ScriptName, LuaScript>> = Object.freeze({
  consume: byId('consume'),
  peek: byId('peek'),
  refund: byId('refund'),
  release: byId('release'),
});

const variantsOf = (name: 'consume' | 'peek'): Readonly<Record<Algorithm, LuaScript>> =>
  Object.freeze(
    Object.fromEntries(
      ALL_SCRIPTS.filter((s) => s.name === name && s.algorithm !== undefined).map((s) => [s.algorithm, s]),
    ) as Record<Algorithm, LuaScript>,
  );

/** The consume script that holds only one algorithm's code, per algorithm: for requests whose rules all have it. */
export const CONSUME_VARIANTS = variantsOf('consume');

/** The peek script per algorithm, as {@link CONSUME_VARIANTS}. */
export const PEEK_VARIANTS = variantsOf('peek');

export const CONSUME_SCRIPT = SCRIPTS.consume.source;
export const PEEK_SCRIPT = SCRIPTS.peek.source;
export const REFUND_SCRIPT = SCRIPTS.refund.source;
export const RELEASE_SCRIPT = SCRIPTS.release.source;
export type { ScriptId, ScriptName };
