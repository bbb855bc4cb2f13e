import type { HttpRequestView } from '@rl/http';
import type { NextRequest } from 'next/server.js';

/**
 * The request as @rl/http sees it. Next gives no socket: the platform (Vercel, `next start`)
 * counts as the first hop, so `trustProxy: 1` believes the address it appends to X-Forwarded-For.
 */
export function nextView(req: NextRequest, remoteAddress?: (req: NextRequest) => string | undefined): HttpRequestView {
  return {
    method: req.method,
    path: req.nextUrl?.pathname ?? new URL(req.url).pathname,
    headers: (name) => req.headers.get(name) ?? undefined,
    remoteAddress: remoteAddress?.(req),
  };
}

/** Sets `headers` on `response`, copying it first when its headers are immutable (fetch or redirect responses). */
export function withHeaders(response: Response, headers: Readonly<Record<string, string>>): Response {
  const entries = Object.entries(headers);
  if (entries.length === 0) return response;
  try {
    for (const [name, value] of entries) response.headers.set(name, value);
    return response;
  } catch {
    const copy = new Response(response.body, response);
    for (const [name, value] of entries) copy.headers.set(name, value);
    return copy;
  }
}
