import type { Response } from 'express';
import type { StreamOpening } from '../api/open-stream.ts';
import { SSE_HEADERS } from '../api/sse.ts';

/**
 * Sends a {@link StreamOpening} on an Express response: the refusal, or an open `text/event-stream`
 * the conversation writes to, cleaned up when it ends or the client goes away.
 *
 * @example
 * sendStream(res, await openStream(demo, clientKey, new URLSearchParams(req.query)))
 */
export function sendStream(res: Response, opening: StreamOpening): void {
  if (opening.kind === 'refused') {
    res.status(opening.status).set(opening.headers).type(opening.contentType).send(opening.body);
    return;
  }
  res.writeHead(200, SSE_HEADERS);
  res.flushHeaders();
  let ended = false;
  const cleanup = opening.start({
    write(text) {
      if (!ended) res.write(text);
    },
    end() {
      if (ended) return;
      ended = true;
      res.end();
      cleanup();
    },
  });
  res.on('close', () => {
    ended = true;
    cleanup();
  });
}
