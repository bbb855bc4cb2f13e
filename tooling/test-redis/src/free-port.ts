import { createServer } from 'node:net';

/**
 * A TCP port that was free on `host` a moment ago: binds port 0, reads the port the kernel chose,
 * closes. Another process may still grab it before the caller binds it, so callers retry on
 * EADDRINUSE (startRedis does).
 *
 * @example
 * ```ts
 * const port = await findFreePort(); // e.g. 41873
 * ```
 */
export function findFreePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ port: 0, host, exclusive: true }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error(`could not read a free port on ${host}`))));
    });
  });
}
