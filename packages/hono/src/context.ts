import { type HttpRequestView, IP_HEADERS } from '@rl/http';
import type { Context } from 'hono';

interface NodeIncoming {
  socket?: { remoteAddress?: string };
  headers?: Record<string, string | string[] | undefined>;
}

interface NodeBindings {
  incoming?: NodeIncoming;
}

function nodeIncoming(c: Context): NodeIncoming | undefined {
  const env = c.env as NodeBindings | undefined;
  return typeof env === 'object' && env !== null ? env.incoming : undefined;
}

/** The socket peer under @hono/node-server (`c.env.incoming`); undefined elsewhere (Workers, Deno, Bun). */
export function nodeRemoteAddress(c: Context): string | undefined {
  return nodeIncoming(c)?.socket?.remoteAddress;
}

const ADDRESS_HEADERS: ReadonlySet<string> = new Set(IP_HEADERS);

/**
 * A header reader. Under @hono/node-server the client-address headers (looked at on every request)
 * come from Node's header map, which holds the same values (Node joins repeated ones with ", " as
 * the Fetch API does): asking the Fetch `Request` instead makes the server build a whole `Headers`
 * object from the raw headers, which costs more than the rate limiting. Other headers (an API key)
 * are read from `c.req`, so changes a middleware made to the request are seen.
 */
function headerReader(c: Context): (name: string) => string | undefined {
  const node = nodeIncoming(c)?.headers;
  if (typeof node !== 'object' || node === null) return (name) => c.req.header(name);
  return (name) => {
    if (!ADDRESS_HEADERS.has(name)) return c.req.header(name);
    const value = node[name];
    return Array.isArray(value) ? value.join(', ') : value;
  };
}

/** The request as @rl/http sees it. */
export function honoView(c: Context, remoteAddress: string | undefined): HttpRequestView {
  return {
    method: c.req.method,
    path: c.req.path,
    headers: headerReader(c),
    remoteAddress,
  };
}

interface ExecutionContextLike {
  waitUntil(promise: Promise<unknown>): void;
}

/**
 * Hands `work` to `c.executionCtx.waitUntil` where there is one (Workers), so it outlives the
 * response; elsewhere `c.executionCtx` throws, and the work is awaited instead.
 */
export async function afterResponse(c: Context, work: Promise<void>): Promise<void> {
  let ctx: ExecutionContextLike | undefined;
  try {
    ctx = c.executionCtx as ExecutionContextLike;
  } catch {
    ctx = undefined;
  }
  if (ctx && typeof ctx.waitUntil === 'function') ctx.waitUntil(work);
  else await work;
}
