import { afterEach } from 'vitest';
import { type AdapterScenario, TEST_INFO_HEADER, TEST_PEER_HEADER } from './scenario.js';

/**
 * An adapter wrapped as a fetch function. The app behind it must:
 * - mount the adapter with `scenarioOptions(scenario, readHeader, store)`;
 * - take the remote address from the `x-test-peer` request header when present;
 * - answer every method and path with the status in the `status` query parameter (default 200),
 *   a JSON body, and `x-test-info: describeInfo(<the Decision the handler sees>)`.
 */
export interface AdapterHarness {
  fetch(request: Request): Promise<Response>;
  close?(): Promise<void>;
}

/** Builds an app for one scenario. */
export type MakeFetch = (scenario: AdapterScenario) => AdapterHarness | Promise<AdapterHarness>;

/** A response, read in full. */
export interface Reply {
  readonly status: number;
  readonly headers: Headers;
  readonly body: string;
  /** The parsed `x-test-info` header: the Decision the handler saw, or `none`. */
  readonly info: { allowed: boolean; reason: string; remaining: number; route: string } | 'none' | undefined;
}

/** One request: method, remote address (`peer`), headers. */
export interface Send {
  method?: string;
  peer?: string;
  headers?: Record<string, string>;
}

/** The default remote address of test requests. */
export const DEFAULT_PEER = '198.51.100.7';
const BASE = 'http://adapter.test';

/** A running scenario. */
export interface Client {
  /** False when the harness's handler cannot see the Decision (a proxy in front of the route). */
  readonly handlerSeesDecision: boolean;
  send(path: string, init?: Send): Promise<Reply>;
  /** Sends `count` requests (a few at a time) and counts the admitted ones (status < 400). */
  admitted(count: number, request: (i: number) => { path: string } & Send): Promise<number>;
}

async function read(response: Response): Promise<Reply> {
  const body = await response.text();
  const raw = response.headers.get(TEST_INFO_HEADER);
  const info = raw === null ? undefined : raw === 'none' ? 'none' : JSON.parse(raw);
  return { status: response.status, headers: response.headers, body, info };
}

let sequence = 0;

/** Registers cleanup and returns a function that opens a scenario for the current test. */
export function useScenarios(
  makeFetch: MakeFetch,
  parallel: number,
  handlerSeesDecision: boolean,
): (scenario: Omit<AdapterScenario, 'prefix'>) => Promise<Client> {
  const open: AdapterHarness[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((harness) => harness.close?.().catch(() => undefined)));
  });
  return async (partial) => {
    sequence += 1;
    const prefix = `a${Date.now().toString(36).slice(-5)}${sequence}`;
    const harness = await makeFetch({ ...partial, prefix });
    open.push(harness);
    const send = async (path: string, init: Send = {}): Promise<Reply> => {
      const headers = new Headers(init.headers);
      headers.set(TEST_PEER_HEADER, init.peer ?? DEFAULT_PEER);
      return read(await harness.fetch(new Request(`${BASE}${path}`, { method: init.method ?? 'GET', headers })));
    };
    return {
      handlerSeesDecision,
      send,
      async admitted(count, request) {
        let admitted = 0;
        let next = 0;
        const worker = async () => {
          while (next < count) {
            const { path, ...init } = request(next++);
            const reply = await send(path, init);
            if (reply.status >= 500) throw new Error(`request to ${path} failed with ${reply.status}: ${reply.body}`);
            if (reply.status < 400) admitted++;
          }
        };
        await Promise.all(Array.from({ length: Math.min(parallel, count) }, worker));
        return admitted;
      },
    };
  };
}
