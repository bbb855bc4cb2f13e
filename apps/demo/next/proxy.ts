import type { NextRequest } from 'next/server.js';
import { nextDemo } from '../src/next/next-demo.ts';

/**
 * Next 16's proxy (formerly middleware): the shared route table through `rateLimitProxy` from
 * @rl/next — every /api route but login, which its route handler limits with `withRateLimit`.
 */
export async function proxy(req: NextRequest): Promise<Response> {
  return (await nextDemo()).proxy(req);
}

export const config = { matcher: '/api/:path*' };
