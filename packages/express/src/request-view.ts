import type { HttpRequestView } from '@rl/http';
import type { Request } from 'express';

/** Reads a header from Node's lower-cased header map, joining repeated values. */
function header(req: Request, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/**
 * The request as @rl/http sees it: the full original path (so patterns work wherever the
 * middleware is mounted), Node's headers, and the socket peer (or `remoteAddress(req)`).
 */
export function expressView(req: Request, remoteAddress?: (req: Request) => string | undefined): HttpRequestView {
  return {
    method: req.method,
    path: req.originalUrl ?? req.url,
    headers: (name) => header(req, name),
    remoteAddress: remoteAddress ? remoteAddress(req) : req.socket?.remoteAddress,
  };
}
