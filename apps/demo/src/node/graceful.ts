import type { Server } from 'node:http';
import type { DemoContext } from '../config/context.ts';

/** Seed 000: open connections get at most this long to finish after SIGTERM. */
export const DRAIN_MS = 5000;

/** Options of {@link drainAndClose}. */
export interface DrainOptions {
  /** At most this long for open connections to finish. Default {@link DRAIN_MS}. */
  readonly drainMs?: number;
  readonly log?: (line: string) => void;
}

const wait = (ms: number) => new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), ms).unref());

/**
 * Graceful shutdown (seed 000): new streams are refused (503) from now on, every open stream gets
 * `event: shutdown` with `{"message":"Server restarting, reconnect soon","retry":30000}` and is ended,
 * the server stops accepting connections, idle ones close at once, and whatever is still open after
 * `drainMs` (5 s) is cut. Then the store connection closes.
 *
 * @example
 * process.once('SIGTERM', () => drainAndClose(server, demo).then(() => process.exit(0)))
 */
export async function drainAndClose(server: Server, demo: DemoContext, options: DrainOptions = {}): Promise<void> {
  const log = options.log ?? (() => {});
  const drainMs = options.drainMs ?? DRAIN_MS;
  const streams = demo.hub.shutdown();
  log(`Shutting down: sent "event: shutdown" to ${streams} open stream(s); draining for at most ${drainMs / 1000} s.`);
  const closed = new Promise<'closed'>((resolve) => server.close(() => resolve('closed')));
  // Streams end asynchronously; close each keep-alive connection as soon as it has nothing in flight.
  server.closeIdleConnections();
  const sweeper = setInterval(() => server.closeIdleConnections(), 50);
  const outcome = await Promise.race([closed, wait(drainMs)]);
  clearInterval(sweeper);
  if (outcome === 'timeout') {
    log('Drain time is up: closing the remaining connections.');
    server.closeAllConnections();
  }
  await Promise.race([demo.close().catch(() => undefined), wait(1000)]);
  log('Stopped.');
}

/**
 * Runs {@link drainAndClose} on the first SIGTERM or SIGINT, then exits with code 0; a second
 * signal exits at once.
 *
 * @example
 * exitGracefully(server, demo)
 */
export function exitGracefully(server: Server, demo: DemoContext, log: (line: string) => void = console.log): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    log(`${signal} received.`);
    drainAndClose(server, demo, { log }).then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
