import type { StreamOpening } from './open-stream.ts';
import { SSE_HEADERS } from './sse.ts';
import type { SseSink } from './stream-hub.ts';

/**
 * The Fetch API answer to a {@link StreamOpening} (Hono on Node and Workers, Next): the refusal, or a
 * `text/event-stream` response whose body the conversation writes to, cleaned up when it ends,
 * when the body is cancelled, or when `signal` (the request's) aborts because the client went away —
 * on Workers that needs the `enable_request_signal` compatibility flag (see wrangler.toml).
 *
 * @example
 * return streamResponse(await openStream(demo, client, url.searchParams), request.signal)
 */
export function streamResponse(opening: StreamOpening, signal?: AbortSignal): Response {
  if (opening.kind === 'refused') {
    return new Response(opening.body, {
      status: opening.status,
      headers: { ...opening.headers, 'Content-Type': `${opening.contentType}; charset=utf-8` },
    });
  }
  const encoder = new TextEncoder();
  let cleanup: (() => void) | undefined;
  let closed = false;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const finish = () => {
        if (closed) return;
        closed = true;
        try {
          controller.close();
        } catch {
          // Already cancelled by the client.
        }
        cleanup?.();
      };
      const sink: SseSink = {
        write(text) {
          if (!closed) controller.enqueue(encoder.encode(text));
        },
        end: finish,
      };
      cleanup = opening.start(sink);
      if (signal?.aborted) finish();
      else signal?.addEventListener('abort', finish, { once: true });
    },
    cancel() {
      closed = true;
      cleanup?.();
    },
  });
  return new Response(body, { status: 200, headers: SSE_HEADERS });
}
