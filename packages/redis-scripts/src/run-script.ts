import type { RedisLike } from './redis-like.js';
import type { LuaScript } from './scripts/index.js';

/** True for Redis's "script not in cache" reply, however the client wraps it. */
export function isNoScript(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return message.includes('NOSCRIPT');
}

/** Runs scripts on one client; see {@link createScriptRunner}. */
export type ScriptRunner = (script: LuaScript, keys: string[], args: string[]) => Promise<unknown>;

/** After this many NOSCRIPT replies in one call (one per Cluster master at most), EVAL outright. */
const MAX_WAITS = 8;

/**
 * What a call does once its `EVALSHA` answered NOSCRIPT (after `SCRIPT FLUSH`, a restart or a
 * failover): it sends one `EVAL`, which runs the script and caches it again — unless such an EVAL
 * of the same script is in flight, in which case it waits for it and retries EVALSHA, so a busy
 * server is not flooded with thousands of copies of the script body (single flight per script).
 */
export function createNoScriptRecovery(client: RedisLike): ScriptRunner {
  const reloading = new Map<string, Promise<unknown>>();
  return async (script, keys, args) => {
    for (let waits = 0; waits < MAX_WAITS; waits++) {
      const pending = reloading.get(script.sha1);
      if (pending === undefined) break;
      await pending.catch(() => undefined);
      try {
        return await client.evalsha(script.sha1, keys, args);
      } catch (error) {
        if (!isNoScript(error)) throw error;
      }
    }
    const load = client.eval(script.source, keys, args);
    reloading.set(script.sha1, load);
    try {
      return await load;
    } finally {
      if (reloading.get(script.sha1) === load) reloading.delete(script.sha1);
    }
  };
}

/**
 * Runs scripts with one command in steady state: `EVALSHA`; on NOSCRIPT, see
 * {@link createNoScriptRecovery}. NOSCRIPT means the script did not run, so retrying never counts a
 * request twice; nothing else is ever resent.
 */
export function createScriptRunner(client: RedisLike): ScriptRunner {
  const recover = createNoScriptRecovery(client);
  return (script, keys, args) =>
    client.evalsha(script.sha1, keys, args).then(undefined, (error: unknown) => {
      if (!isNoScript(error)) throw error;
      return recover(script, keys, args);
    });
}
