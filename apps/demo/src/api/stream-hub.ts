import { SHUTDOWN_EVENT } from './sse.ts';

/** An open SSE response, whatever the framework: write text to it, or end it. */
export interface SseSink {
  write(text: string): void;
  end(): void;
}

/** The open streams of one server, so a shutdown can tell each of them to reconnect later. */
export interface StreamHub {
  /** True once shutdown began: new streams are refused (503) while the server drains. */
  readonly draining: boolean;
  readonly size: number;
  /** Registers an open stream; returns the function that unregisters it. */
  add(sink: SseSink): () => void;
  /** Sends `event: shutdown` to every open stream and ends it; returns how many there were. */
  shutdown(): number;
}

/**
 * Tracks open streams for graceful shutdown (seed 000): on SIGTERM every stream receives
 * `event: shutdown` with `{"message":"Server restarting, reconnect soon","retry":30000}`.
 *
 * @example
 * const hub = createStreamHub()
 * const remove = hub.add({ write: (t) => res.write(t), end: () => res.end() })
 * process.once('SIGTERM', () => hub.shutdown())
 */
export function createStreamHub(): StreamHub {
  const open = new Set<SseSink>();
  let draining = false;
  return {
    get draining() {
      return draining;
    },
    get size() {
      return open.size;
    },
    add(sink) {
      open.add(sink);
      return () => open.delete(sink);
    },
    shutdown() {
      draining = true;
      const sinks = [...open];
      open.clear();
      for (const sink of sinks) {
        try {
          sink.write(SHUTDOWN_EVENT);
          sink.end();
        } catch {
          // The client is already gone.
        }
      }
      return sinks.length;
    },
  };
}
