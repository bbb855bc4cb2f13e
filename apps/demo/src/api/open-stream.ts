import type { Decision } from '@rl/core';
import { limitExceeded, limiterUnavailable, retryAfterSeconds } from '@rl/http';
import type { DemoContext } from '../config/context.ts';
import { DEFAULT_TIMING, runConversation } from './conversation.ts';
import { elementOf } from './converse.ts';
import { SHUTDOWN_RETRY_MS } from './sse.ts';
import type { SseSink } from './stream-hub.ts';

/** What to answer to `GET /api/v1/converse/stream`, whatever the framework. */
export type StreamOpening =
  | {
      readonly kind: 'refused';
      readonly status: number;
      readonly headers: Readonly<Record<string, string>>;
      readonly contentType: string;
      readonly body: string;
    }
  | {
      readonly kind: 'open';
      /** Starts the conversation on the open response; returns the cleanup to run when it closes. */
      start(sink: SseSink): () => void;
    };

function restarting(): StreamOpening {
  const retryAfter = SHUTDOWN_RETRY_MS / 1000;
  return {
    kind: 'refused',
    status: 503,
    headers: { 'Retry-After': String(retryAfter) },
    contentType: 'application/json',
    body: JSON.stringify({
      error: { code: 'SERVER_RESTARTING', message: 'Server restarting, reconnect soon', retryAfter },
    }),
  };
}

/**
 * A refused lease: 429 with the seeds' body and `Retry-After` (when the oldest lease would expire —
 * an upper bound, streams usually close sooner), or 503 when the store failed under fail-closed.
 * The `X-RateLimit-*` / `RateLimit` headers stay those of the per-minute rule the middleware checked,
 * identically on every framework.
 */
function refused(decision: Decision, max: number): StreamOpening {
  const headers = { 'Retry-After': String(retryAfterSeconds(decision)) };
  if (decision.reason === 'store_unavailable') return { kind: 'refused', ...limiterUnavailable('json'), headers };
  const message = `Too many open streams: at most ${max} per client. Close one and try again.`;
  return { kind: 'refused', ...limitExceeded('json', message, retryAfterSeconds(decision), ['streams']), headers };
}

/**
 * Opens a conversation stream for `client`: refused with 503 while the server drains, with 429 when
 * the client already holds `RL_STREAM_CONCURRENCY` open streams (a concurrency lease per stream,
 * shared by every instance on a shared store); otherwise a start function that registers the
 * stream for shutdown, runs the reply, and on close stops it and releases the lease.
 *
 * @example
 * const opening = await openStream(demo, clientKey, url.searchParams)
 * if (opening.kind === 'refused') return new Response(opening.body, { status: opening.status })
 */
export async function openStream(
  demo: DemoContext,
  client: string,
  query: { get(name: string): string | null | undefined },
  timing = DEFAULT_TIMING,
): Promise<StreamOpening> {
  if (demo.hub.draining) return restarting();
  const decision = await demo.streams.acquire(client);
  demo.feed.record('stream-open', decision);
  if (!decision.allowed) return refused(decision, demo.settings.streamConcurrency);
  const { leaseId } = decision;
  return {
    kind: 'open',
    start(sink) {
      const remove = demo.hub.add(sink);
      const input = { q: (query.get('q') ?? 'hello').slice(0, 200), element: elementOf(query.get('element')) };
      const stop = runConversation(sink, input, timing);
      let closed = false;
      return () => {
        if (closed) return;
        closed = true;
        stop();
        remove();
        if (leaseId === undefined) return;
        demo.streams.release(client, leaseId).catch(() => {
          // Best effort: an unreleased lease expires by itself after STREAM_LEASE_MS.
        });
      };
    },
  };
}
