import type { UpstashSelection } from '@rl/auto';
import { upstashStore } from '@rl/upstash';
import { Redis } from '@upstash/redis';
import type { DoctorTarget } from './target.js';

/** One command over the Upstash REST API (for the ones the SDK has no method for). */
async function rest(selection: UpstashSelection, timeoutMs: number, command: string[]): Promise<unknown> {
  const response = await fetch(selection.url, {
    method: 'POST',
    headers: { authorization: `Bearer ${selection.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(command),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const body = (await response.json().catch(() => ({}))) as { result?: unknown; error?: string };
  if (!response.ok || body.error !== undefined) throw new Error(body.error ?? `HTTP ${response.status}`);
  return body.result;
}

/** An @upstash/redis client as the app would create it (no retries), plus raw REST calls. */
export async function connectUpstashTarget(selection: UpstashSelection, timeoutMs: number): Promise<DoctorTarget> {
  const client = new Redis({
    url: selection.url,
    token: selection.token,
    retry: { retries: 0 },
    enableTelemetry: false,
  });
  await rest(selection, timeoutMs, ['PING']);
  return {
    mode: 'Upstash REST',
    ping: () => rest(selection, timeoutMs, ['PING']),
    info: async (section) => String(await rest(selection, timeoutMs, ['INFO', section])),
    whoami: async () => String(await rest(selection, timeoutMs, ['ACL', 'WHOAMI'])),
    scriptLoad: async (source) => [await client.scriptLoad(source)],
    evalScript: (source, keys, args) => client.eval(source, keys, args),
    del: (...keys) => client.del(...keys),
    store: upstashStore({ client, timeoutMs, warnUnsafeClient: false }),
    async close() {},
  };
}
