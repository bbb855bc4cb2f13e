/** Headers of every Server-Sent Events response (no proxy buffering, no caching). */
export const SSE_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-cache, no-transform',
  Connection: 'keep-alive',
  'X-Accel-Buffering': 'no',
});

/** The reconnection delay open streams are told on shutdown (seed 000). */
export const SHUTDOWN_RETRY_MS = 30_000;

/** The payload of the `shutdown` event, exactly as seed 000 documents it. */
export const SHUTDOWN_DATA = JSON.stringify({ message: 'Server restarting, reconnect soon', retry: SHUTDOWN_RETRY_MS });

/**
 * One SSE event: `event:` and `data:` lines (data as JSON unless already a string), an optional
 * `retry:` line, and the blank line that ends it.
 *
 * @example
 * sseEvent('token', { text: 'hello' }) // 'event: token\ndata: {"text":"hello"}\n\n'
 */
export function sseEvent(event: string, data: unknown, retryMs?: number): string {
  const payload = typeof data === 'string' ? data : JSON.stringify(data);
  const lines = payload.split('\n').map((line) => `data: ${line}`);
  const retry = retryMs === undefined ? '' : `retry: ${retryMs}\n`;
  return `${retry}event: ${event}\n${lines.join('\n')}\n\n`;
}

/** A comment line: keeps proxies from closing an idle stream. */
export const SSE_HEARTBEAT = ': ping\n\n';

/** `event: shutdown` with the seed's payload and an SSE `retry:` of 30 s. */
export const SHUTDOWN_EVENT = sseEvent('shutdown', SHUTDOWN_DATA, SHUTDOWN_RETRY_MS);
