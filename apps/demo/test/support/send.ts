import type { ServerName } from '../../src/config/network.ts';

/** One request to a demo server, from a simulated client address. */
export interface Send {
  readonly method?: string;
  /** Sent as JSON (`content-type: application/json`). */
  readonly json?: unknown;
  /** Sent as is, with `content-type: application/json`. */
  readonly raw?: string;
  /** The client address the server should see (through its trusted proxy header). */
  readonly ip: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** A demo server under test, whatever runs it. */
export interface Target {
  readonly server: ServerName;
  send(path: string, init: Send): Promise<Response>;
  close(): Promise<void>;
}

/** Small limits so the suites exhaust them quickly; a generous stream rate so the lease tests can poll. */
export const TEST_ENV: Readonly<Record<string, string>> = {
  RL_MSG_MAX: '3',
  RL_STREAM_MAX: '200',
  RL_STREAM_CONCURRENCY: '2',
  RL_METERED_MAX: '4',
  SKIP_REDIS_WARNING: 'true',
};

/** The request headers and body of `init`, with the client address in `ipHeader`. */
export function requestInit(
  init: Send,
  ipHeader: string,
): { method: string; headers: Record<string, string>; body?: string } {
  const headers: Record<string, string> = { [ipHeader]: init.ip, ...init.headers };
  let body: string | undefined;
  if (init.json !== undefined || init.raw !== undefined) {
    headers['content-type'] = 'application/json';
    body = init.raw ?? JSON.stringify(init.json);
  }
  return { method: init.method ?? 'GET', headers, ...(body === undefined ? {} : { body }) };
}
