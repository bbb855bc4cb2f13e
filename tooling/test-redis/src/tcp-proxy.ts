import { connect, createServer, type Socket } from 'node:net';

/**
 * - `pass`: forward both ways.
 * - `blackhole`: accept connections, forward nothing, answer nothing (a frozen network path).
 * - `drop-replies`: forward requests to the target, swallow its replies (the server acts, the client never hears).
 * - `close`: reset every open connection and every new one (RST).
 */
export type ProxyMode = 'pass' | 'blackhole' | 'drop-replies' | 'close';

/** A loopback TCP proxy in front of one port, with a fault mode switchable at runtime. */
export interface TcpProxy {
  readonly host: string;
  /** The proxy's own port: point clients here instead of the target. */
  readonly port: number;
  readonly targetPort: number;
  /** The current mode. */
  readonly mode: ProxyMode;
  /** Switches mode for open and future connections; `close` also resets the open ones. */
  setMode(mode: ProxyMode): void;
  /** Client connections currently open through the proxy. */
  readonly connectionCount: number;
  /** Resets every open connection (mode unchanged). */
  resetConnections(): void;
  /** Closes the listener and every connection. Idempotent. */
  close(): Promise<void>;
}

/** Options of {@link startTcpProxy}. */
export interface TcpProxyOptions {
  /** Initial mode. Default `pass`. */
  mode?: ProxyMode;
  /** Target host. Default `127.0.0.1`. */
  targetHost?: string;
  /** Address the proxy listens on. Default `127.0.0.1`. */
  host?: string;
}

interface Pair {
  client: Socket;
  upstream: Socket | undefined;
}

/**
 * Starts a TCP proxy on a free loopback port that forwards to `targetPort`, for fault tests: switch
 * it to `blackhole`, `drop-replies` or `close` while a client is connected and watch the client's
 * timeouts and error handling.
 *
 * @example
 * ```ts
 * import { startRedis, startTcpProxy } from '@rl-internal/test-redis';
 * import Redis from 'ioredis';
 *
 * const server = await startRedis();
 * const proxy = await startTcpProxy(server.port);
 * const redis = new Redis({ port: proxy.port, commandTimeout: 200 });
 * await redis.ping();
 * proxy.setMode('blackhole'); // the next command times out
 * proxy.setMode('pass');
 * await proxy.close();
 * ```
 */
export function startTcpProxy(targetPort: number, options: TcpProxyOptions = {}): Promise<TcpProxy> {
  const host = options.host ?? '127.0.0.1';
  const targetHost = options.targetHost ?? '127.0.0.1';
  let mode: ProxyMode = options.mode ?? 'pass';
  const pairs = new Set<Pair>();

  const destroy = (pair: Pair) => {
    pairs.delete(pair);
    if (!pair.client.destroyed) pair.client.resetAndDestroy();
    if (pair.upstream && !pair.upstream.destroyed) pair.upstream.resetAndDestroy();
  };

  const ensureUpstream = (pair: Pair): Socket => {
    if (pair.upstream) return pair.upstream;
    const upstream = connect({ host: targetHost, port: targetPort });
    pair.upstream = upstream;
    upstream.on('data', (chunk) => {
      if (mode === 'pass' && !pair.client.destroyed) pair.client.write(chunk);
    });
    upstream.on('error', () => destroy(pair));
    upstream.on('close', () => {
      pairs.delete(pair);
      if (!pair.client.destroyed) pair.client.end();
    });
    return upstream;
  };

  const server = createServer((client) => {
    const pair: Pair = { client, upstream: undefined };
    pairs.add(pair);
    client.on('error', () => destroy(pair));
    client.on('close', () => {
      pairs.delete(pair);
      if (pair.upstream && !pair.upstream.destroyed) pair.upstream.end();
    });
    if (mode === 'close') {
      destroy(pair);
      return;
    }
    if (mode === 'pass' || mode === 'drop-replies') ensureUpstream(pair);
    client.on('data', (chunk) => {
      if (mode === 'pass' || mode === 'drop-replies') ensureUpstream(pair).write(chunk);
    });
  });

  const resetConnections = () => {
    for (const pair of [...pairs]) destroy(pair);
  };
  let closing: Promise<void> | undefined;

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port: 0 }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({
        host,
        port,
        targetPort,
        get mode() {
          return mode;
        },
        setMode(next) {
          mode = next;
          if (next === 'close') resetConnections();
        },
        get connectionCount() {
          return pairs.size;
        },
        resetConnections,
        close() {
          closing ??= new Promise<void>((done) => {
            server.close(() => done());
            resetConnections();
          });
          return closing;
        },
      });
    });
  });
}
