import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { invalidConfig } from '@rl/core';
import type { DemoContext } from '../config/context.ts';
import { banner } from './banner.ts';
import { exitGracefully } from './graceful.ts';

/** A demo server listening on Node. */
export interface NodeServer {
  /** `http://127.0.0.1:3000` */
  readonly url: string;
  readonly server: Server;
}

/** `PORT` (0 picks a free port) and `HOST` (default 127.0.0.1; 0.0.0.0 to accept other machines). */
export function listenAddress(env: NodeJS.ProcessEnv, defaultPort: number): { port: number; host: string } {
  const raw = env['PORT'];
  const port = raw === undefined || raw === '' ? defaultPort : Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw invalidConfig('PORT', raw, 'a port from 0 to 65535');
  return { port, host: env['HOST'] || '127.0.0.1' };
}

/**
 * Serves a Node request listener on `port`/`host`; resolves once it listens, with its URL.
 *
 * @example
 * const { url, server } = await listen(createExpressApp(demo), 0, '127.0.0.1')
 */
export async function listen(
  listener: (req: IncomingMessage, res: ServerResponse) => void,
  port: number,
  host: string,
): Promise<NodeServer> {
  const server = createServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return { url: `http://${shown}:${address.port}`, server };
}

/**
 * What every Node entry point does: listen on `PORT`/`HOST`, print the URL and how to start the
 * other servers, and shut down gracefully on SIGTERM / SIGINT.
 *
 * @example
 * await runNodeServer('Express', createExpressApp(demo), demo, 3000)
 */
export async function runNodeServer(
  title: string,
  listener: (req: IncomingMessage, res: ServerResponse) => void,
  demo: DemoContext,
  defaultPort: number,
): Promise<NodeServer> {
  const { port, host } = listenAddress(process.env, defaultPort);
  const running = await listen(listener, port, host);
  const { description, shared } = demo.store;
  console.log(banner(title, running.url, { settings: demo.settings, description, shared }));
  exitGracefully(running.server, demo);
  return running;
}
