/** What a run of requests came to. */
export interface LoadResult {
  readonly sent: number;
  /** 2xx answers. */
  readonly admitted: number;
  /** 429 answers. */
  readonly limited: number;
  /** Anything else (503, network errors as 0), by status. */
  readonly other: Readonly<Record<number, number>>;
  /** Admitted and limited per target URL. */
  readonly byTarget: Readonly<Record<string, { admitted: number; limited: number }>>;
}

/** Options of {@link sendRequests}. */
export interface LoadOptions {
  /** Server base URLs; request `i` goes to `targets[i % targets.length]` (round robin, like a load balancer). */
  readonly targets: readonly string[];
  readonly requests: number;
  /** Requests in flight at once. Default 1 (strictly alternating, one after the other). */
  readonly concurrency?: number;
  /** The path to request. Default `/api/metered`. */
  readonly path?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * Sends `requests` GETs round robin across `targets`, `concurrency` at a time, and counts the answers.
 *
 * @example
 * const r = await sendRequests({ targets: [a.url, b.url], requests: 200, headers: { 'x-api-key': 'k' } })
 * r.admitted // 100 with a limit of 100 shared through Redis
 */
export async function sendRequests(options: LoadOptions): Promise<LoadResult> {
  const { targets, requests } = options;
  const path = options.path ?? '/api/metered';
  const headers = { ...options.headers };
  const statuses: number[] = new Array(requests);
  let next = 0;
  const worker = async () => {
    while (next < requests) {
      const i = next++;
      const target = targets[i % targets.length] as string;
      try {
        const res = await fetch(`${target}${path}`, { headers });
        await res.arrayBuffer();
        statuses[i] = res.status;
      } catch {
        statuses[i] = 0;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 1) }, worker));

  const other: Record<number, number> = {};
  const byTarget: Record<string, { admitted: number; limited: number }> = {};
  for (const target of targets) byTarget[target] = { admitted: 0, limited: 0 };
  let admitted = 0;
  let limited = 0;
  statuses.forEach((status, i) => {
    const counts = byTarget[targets[i % targets.length] as string] as { admitted: number; limited: number };
    if (status >= 200 && status < 300) {
      admitted += 1;
      counts.admitted += 1;
    } else if (status === 429) {
      limited += 1;
      counts.limited += 1;
    } else other[status] = (other[status] ?? 0) + 1;
  });
  return { sent: requests, admitted, limited, other, byTarget };
}
