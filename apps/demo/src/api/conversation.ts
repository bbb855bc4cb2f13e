import { type Element, replyTo } from './converse.ts';
import { SSE_HEARTBEAT, sseEvent } from './sse.ts';
import type { SseSink } from './stream-hub.ts';

/** Timings of a conversation stream. */
export interface ConversationTiming {
  /** Between reply tokens. Default 120 ms. */
  readonly tokenMs: number;
  /** Between heartbeats once the reply is sent. Default 15 s. */
  readonly heartbeatMs: number;
  /** When the server ends the stream (`event: end`). Default 5 min, within the lease. */
  readonly maxMs: number;
}

export const DEFAULT_TIMING: ConversationTiming = { tokenMs: 120, heartbeatMs: 15_000, maxMs: 5 * 60_000 };

/**
 * Streams a reply word by word (`event: token`), then `event: done`, then keeps the channel open with
 * heartbeats — as a chat channel waiting for the next turn — until the client leaves or `maxMs`
 * passes (`event: end`). Returns the function that stops the timers.
 *
 * @example
 * const stop = runConversation(sink, { q: 'hello', element: 'air' })
 */
export function runConversation(
  sink: SseSink,
  input: { q: string; element: Element },
  timing: ConversationTiming = DEFAULT_TIMING,
): () => void {
  const words = replyTo(input.q, input.element).split(' ');
  const timers: ReturnType<typeof setTimeout>[] = [];
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  sink.write(sseEvent('open', { element: input.element, tokens: words.length }));
  words.forEach((word, i) => {
    timers.push(setTimeout(() => sink.write(sseEvent('token', { text: word, index: i })), (i + 1) * timing.tokenMs));
  });
  timers.push(
    setTimeout(
      () => {
        sink.write(sseEvent('done', { tokens: words.length }));
        heartbeat = setInterval(() => sink.write(SSE_HEARTBEAT), timing.heartbeatMs);
      },
      (words.length + 1) * timing.tokenMs,
    ),
  );
  timers.push(
    setTimeout(() => {
      sink.write(sseEvent('end', { reason: 'max-duration' }));
      sink.end();
    }, timing.maxMs),
  );
  return () => {
    for (const timer of timers) clearTimeout(timer);
    if (heartbeat !== undefined) clearInterval(heartbeat);
  };
}
