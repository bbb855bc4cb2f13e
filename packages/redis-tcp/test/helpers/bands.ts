import type { Decision, Limiter } from '@rl/core';
import { type TcpProxy, waitFor } from '@rl-internal/test-redis';

/**
 * Reply-attribution checks for the lost-reply tests: identifier i is charged i × BAND up front, so
 * a decision whose remaining quota falls in another identifier's band is another call's reply.
 */
export const LIMIT = 1_000_000;
export const BAND = 10_000;

/** One call's identifier and how it settled. */
export interface Outcome {
  identifier: string;
  decision?: Decision;
  error?: unknown;
}

/** Settles `limiter.limit(identifier)` into an {@link Outcome}, never rejecting. */
export function settle(limiter: Limiter, identifier: string): Promise<Outcome> {
  return limiter.limit(identifier).then(
    (decision) => ({ identifier, decision }),
    (error: unknown) => ({ identifier, error }),
  );
}

/** `rounds` concurrent calls on every identifier. */
export function burst(limiter: Limiter, identifiers: readonly string[], rounds: number): Promise<Outcome[]> {
  return Promise.all(identifiers.flatMap((id) => Array.from({ length: rounds }, () => settle(limiter, id))));
}

/** The decisions that belong to another identifier's band (identifier i ↔ band i of `identifiers`). */
export function misattributed(outcomes: readonly Outcome[], identifiers: readonly string[]): Outcome[] {
  return outcomes.filter(
    (o) => o.decision !== undefined && identifiers[Math.floor((LIMIT - o.decision.remaining) / BAND)] !== o.identifier,
  );
}

/** Charges identifier i of `identifiers` i × BAND through `limiter` (a client that bypasses the proxy). */
export async function chargeBands(limiter: Limiter, identifiers: readonly string[]): Promise<void> {
  for (const [i, id] of identifiers.entries()) await limiter.limit(id, { cost: i * BAND });
}

/**
 * Sends one call whose reply `proxy` drops, waits until Redis has run it (`counted` grows), then
 * heals the path. Resolves once healed, with the lost call still pending in `lost`.
 */
export async function loseOneReply(
  proxy: TcpProxy,
  limiter: Limiter,
  identifier: string,
  counted: (identifier: string) => Promise<number>,
): Promise<{ lost: Promise<Outcome> }> {
  const before = await counted(identifier);
  proxy.setMode('drop-replies');
  const lost = settle(limiter, identifier);
  await waitFor('Redis to run the call whose reply is dropped', async () => (await counted(identifier)) > before);
  proxy.setMode('pass');
  return { lost };
}

/** Redis counted every answered call once and no call more than once (`counted`: units beyond the band). */
export async function countedOnce(
  outcomes: readonly Outcome[],
  identifiers: readonly string[],
  counted: (identifier: string) => Promise<number>,
): Promise<string[]> {
  const wrong: string[] = [];
  for (const id of identifiers) {
    const mine = outcomes.filter((o) => o.identifier === id);
    const total = await counted(id);
    const answered = mine.filter((o) => o.decision).length;
    if (total < answered || total > mine.length)
      wrong.push(`${id}: ${total} counted, ${answered}/${mine.length} answered`);
  }
  return wrong;
}

/** Reads a fixed-window counter `"f<window start> <count>"` minus identifier i's band. */
export function unitsBeyondBand(value: string | null, identifiers: readonly string[], identifier: string): number {
  return value === null ? 0 : Number(value.split(' ')[1]) - identifiers.indexOf(identifier) * BAND;
}
