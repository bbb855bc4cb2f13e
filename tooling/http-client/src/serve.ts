import { Agent, createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { rawRequest } from './raw-request.js';

/** A server on a loopback port that Fetch API Requests can be sent to. */
export interface ServedApp {
  readonly port: number;
  /** Sends `request` (its path, method and headers; the host is ignored) over real HTTP. */
  fetch(request: Request): Promise<Response>;
  close(): Promise<void>;
}

const VALID_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

function viaNodeClient(
  agent: Agent,
  port: number,
  method: string,
  path: string,
  headers: [string, string][],
): Promise<Response> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      { host: '127.0.0.1', port, method, path, headers: Object.fromEntries(headers), agent },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () => {
          const responseHeaders = new Headers();
          for (const [name, value] of Object.entries(incoming.headers)) {
            if (value !== undefined) responseHeaders.set(name, Array.isArray(value) ? value.join(', ') : value);
          }
          const status = incoming.statusCode ?? 502;
          const body =
            method === 'HEAD' || status === 204 || status === 304 ? null : new Uint8Array(Buffer.concat(chunks));
          resolve(new Response(body, { status, headers: responseHeaders }));
        });
      },
    );
    outgoing.on('error', reject);
    outgoing.end();
  });
}

/**
 * Serves a Node request listener (an Express app, `getRequestListener(app.fetch)`...) on a free
 * loopback port. Requests go through Node's HTTP client, or as raw bytes when a header value holds
 * characters that client refuses, so the server's own parser is what gets tested.
 *
 * @example
 * const served = await serveNode(expressApp)
 * const res = await served.fetch(new Request('http://app.test/api/items'))
 * await served.close()
 */
export async function serveNode(listener: (req: IncomingMessage, res: ServerResponse) => void): Promise<ServedApp> {
  const server = createServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  // Keep-alive, so thousands of requests reuse a few connections instead of exhausting ephemeral ports.
  const agent = new Agent({ keepAlive: true, maxSockets: 16 });
  return {
    port,
    fetch(request) {
      const url = new URL(request.url);
      const path = `${url.pathname}${url.search}`;
      const headers: [string, string][] = [];
      request.headers.forEach((value, name) => {
        headers.push([name, value]);
      });
      return headers.every(([, value]) => VALID_VALUE.test(value))
        ? viaNodeClient(agent, port, request.method, path, headers)
        : rawRequest(port, request.method, path, headers);
    },
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
