/**
 * What an `@upstash/redis` client does when a request fails or hangs, read from its HTTP client
 * (`redis.client`: not a public API, so every field is optional and unknown shapes read as "unknown").
 */
export interface UpstashClientSettings {
  /** Extra attempts after a failed fetch: 5 by default, 1 with `retry: false`, 0 with `retry: { retries: 0 }`. */
  retries: number | undefined;
  /** `"fixed"` for an AbortSignal (one-shot), `"function"` for `() => AbortSignal`, else `"none"`. */
  signal: 'none' | 'fixed' | 'function';
}

interface HttpClientShape {
  retry?: { attempts?: unknown };
  options?: { signal?: unknown };
}

function httpClientOf(client: object): HttpClientShape | undefined {
  try {
    const inner = (client as { client?: unknown }).client;
    return inner !== null && typeof inner === 'object' ? (inner as HttpClientShape) : undefined;
  } catch {
    return undefined;
  }
}

/** Reads the failure-related settings of the user's client; never throws. */
export function readUpstashSettings(client: object): UpstashClientSettings {
  const http = httpClientOf(client);
  const attempts = http?.retry?.attempts;
  const signal = http?.options?.signal;
  return {
    retries: typeof attempts === 'number' ? attempts : undefined,
    signal: typeof signal === 'function' ? 'function' : signal ? 'fixed' : 'none',
  };
}

/** The client's `signal` when it is a fixed AbortSignal (not a function), else undefined. */
export function fixedSignal(client: object): { readonly aborted: boolean } | undefined {
  const signal = httpClientOf(client)?.options?.signal;
  return signal !== null && typeof signal === 'object' && 'aborted' in signal
    ? (signal as { readonly aborted: boolean })
    : undefined;
}

/** A one-line explanation of what is unsafe about these settings, or undefined when nothing is. */
export function describeUpstashRisks(settings: UpstashClientSettings): string | undefined {
  const problems: string[] = [];
  if (settings.retries !== undefined && settings.retries > 0) {
    problems.push(
      `it resends a request whose fetch failed (${settings.retries} retries), and a script whose reply was lost would then count twice — create it with retry: { retries: 0 } (retry: false still retries once)`,
    );
  }
  if (settings.signal === 'fixed') {
    problems.push(
      'its signal is a single AbortSignal: once aborted, every later request is aborted too — pass signal: () => AbortSignal.timeout(ms) (@upstash/redis ≥ 1.35.1) or rely on the store’s timeoutMs',
    );
  }
  if (problems.length === 0) return undefined;
  return `@rl/upstash: this @upstash/redis client is not set up for rate limiting: ${problems.join('; ')}. See the @rl/upstash README. (Silence with warnUnsafeClient: false.)`;
}

const warned = new Set<string>();

/** Prints `message` with `console.warn` once per isolate/process (stores are often created per request). */
export function warnOnce(message: string): void {
  if (warned.has(message)) return;
  warned.add(message);
  (globalThis as { console?: { warn(message: string): void } }).console?.warn(message);
}
