import type { DemoSettings } from '../config/settings.ts';

/** What the banner says about the running server. */
export interface BannerInfo {
  readonly settings: DemoSettings;
  /** Where the limits live, e.g. `in-process memory` or `Redis at redis://127.0.0.1:6379`. */
  readonly description: string;
  /** Whether instances share them. */
  readonly shared: boolean;
}

/** The line the cluster runner (and you) look for: `Listening on http://127.0.0.1:3000`. */
export const LISTENING = /Listening on (http:\/\/\S+)/;

/**
 * What a server prints when it starts: where it listens, the store it uses, requests to try, and
 * how to start the other servers or switch backends.
 *
 * @example
 * console.log(banner('Express', 'http://127.0.0.1:3000', { settings: demo.settings, ...demo.store }))
 */
export function banner(title: string, url: string, info: BannerInfo): string {
  const { settings } = info;
  const scope = info.shared ? 'shared by every instance' : 'per process';
  const json = `-H 'content-type: application/json'`;
  return [
    '',
    `@rl demo — ${title}, limits in ${info.description} (${scope})`,
    `Listening on ${url}`,
    '',
    `  Dashboard     ${url}/`,
    `  Try           curl -i ${url}/api/public/info`,
    `                curl -i -X POST ${url}/api/v1/converse/message ${json} -d '{"userText":"test","userId":"smoke","element":"air"}'`,
    `                curl -N '${url}/api/v1/converse/stream?element=air&q=hello'`,
    `                curl -i -X POST ${url}/api/auth/login ${json} -d '{"email":"a@example.com","password":"demo"}'`,
    `                curl -s ${url}/api/health`,
    `  Limits        message ${settings.messageMax}/min, stream ${settings.streamMax}/min and ${settings.streamConcurrency} open, login 5/min per IP and per account,`,
    '                read 100/min, write 50/min, public 10/min, health 1000/min (per IP)',
    '',
    '  The same routes and limits on the other servers:',
    '    pnpm --filter @rl/demo start          Express (port 3000; `pnpm demo` from the repo root)',
    '    pnpm --filter @rl/demo start:hono     Hono on @hono/node-server (port 3001)',
    '    pnpm --filter @rl/demo start:worker   the same Hono app in workerd, via miniflare (port 8787)',
    '    pnpm --filter @rl/demo start:next     Next 16: proxy.ts + route handlers (port 3002)',
    '    pnpm demo:cluster                     2 and 4 instances on one redis-server: exactly 100 of 200 admitted',
    '  Shared limits: REDIS_URL=redis://host:6379, or UPSTASH_REDIS_REST_URL + UPSTASH_REDIS_REST_TOKEN.',
    '',
  ].join('\n');
}
