import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { execute, type GatewayResponse } from './execute.ts';
import { BadRequestError, parseRequest } from './parse-request.ts';
import { type RedisLocation, RedisPool, resolveRedisTarget } from './redis-pool.ts';

/** Options of {@link startUpstashGateway}. */
export interface UpstashGatewayOptions extends RedisLocation {
  /** The bearer token clients must send (`Authorization: Bearer <token>` or `?_token=`). */
  token: string;
  /** Address to listen on. Default `127.0.0.1`. */
  host?: string;
  /** Port to listen on. Default: a free one (0). */
  port?: number;
}

/** A running gateway. */
export interface UpstashGateway {
  /** `http://127.0.0.1:<port>` — pass as `url` to `new Redis({ url, token })` from @upstash/redis. */
  readonly url: string;
  readonly token: string;
  readonly host: string;
  readonly port: number;
  /** HTTP requests received so far (any outcome), e.g. to check "one round trip per call". */
  readonly requestCount: number;
  /** Redis commands executed so far (MULTI/EXEC wrappers not counted). */
  readonly commandCount: number;
  /** Stops listening, drops open HTTP connections and Redis connections. Idempotent. */
  close(): Promise<void>;
}

/** What Upstash answers, with status 401, to a missing or wrong token. */
export const UNAUTHORIZED_BODY = { error: 'WRONGPASS invalid or missing auth token' } as const;

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, { status, body }: GatewayResponse | { status: number; body: unknown }): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
  res.end(json);
}

function tokenOf(req: IncomingMessage, url: URL): string | undefined {
  const header = req.headers.authorization;
  if (header) {
    const match = /^Bearer\s+(.+)$/i.exec(header.trim());
    return match?.[1];
  }
  return url.searchParams.get('_token') ?? undefined;
}

/**
 * Starts a local HTTP server that speaks the Upstash Redis REST API (`POST /` JSON commands,
 * `/pipeline`, `/multi-exec`, path-style `/set/k/v`, `Upstash-Encoding: base64`, bearer token)
 * in front of a real redis-server, so the real `@upstash/redis` client runs against it.
 *
 * @example
 * ```ts
 * import { startRedis } from '@rl-internal/test-redis';
 * import { startUpstashGateway } from '@rl-internal/upstash-gateway';
 * import { Redis } from '@upstash/redis';
 *
 * const server = await startRedis();
 * const gateway = await startUpstashGateway({ redisPort: server.port, token: 'test-token' });
 * const redis = new Redis({ url: gateway.url, token: gateway.token });
 * await redis.set('k', 'v');
 * await gateway.close();
 * await server.stop();
 * ```
 */
export async function startUpstashGateway(options: UpstashGatewayOptions): Promise<UpstashGateway> {
  if (typeof options.token !== 'string' || options.token.length === 0) {
    throw new Error(`startUpstashGateway: token must be a non-empty string, got ${JSON.stringify(options.token)}`);
  }
  const pool = new RedisPool(resolveRedisTarget(options));
  const host = options.host ?? '127.0.0.1';
  let requestCount = 0;
  let commandCount = 0;

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    requestCount++;
    const url = new URL(req.url ?? '/', 'http://gateway');
    const method = req.method ?? 'GET';
    if (!['GET', 'POST', 'PUT', 'HEAD'].includes(method)) {
      return send(res, { status: 405, body: { error: `ERR method ${method} is not allowed` } });
    }
    const body = await readBody(req);
    if (tokenOf(req, url) !== options.token) return send(res, { status: 401, body: UNAUTHORIZED_BODY });
    const base64 = String(req.headers['upstash-encoding'] ?? '').toLowerCase() === 'base64';
    try {
      const request = parseRequest(method, url, body);
      commandCount += request.kind === 'command' ? 1 : request.commands.length;
      send(res, await execute(pool, request, base64));
    } catch (error) {
      if (error instanceof BadRequestError) return send(res, { status: 400, body: { error: error.message } });
      send(res, { status: 500, body: { error: `ERR the gateway could not reach Redis: ${(error as Error).message}` } });
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: Error) => {
      if (!res.headersSent) send(res, { status: 500, body: { error: `ERR gateway failure: ${error.message}` } });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port: options.port ?? 0 }, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  let closing: Promise<void> | undefined;

  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    token: options.token,
    host,
    port,
    get requestCount() {
      return requestCount;
    },
    get commandCount() {
      return commandCount;
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        pool.close();
      });
      return closing;
    },
  };
}
