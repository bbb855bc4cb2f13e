import { performance } from 'node:perf_hooks';

/** Runs `work` `samples` times in a row and returns the median duration in ms (2 decimals). */
export async function medianMs(samples: number, work: () => Promise<unknown>): Promise<number> {
  const durations: number[] = [];
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    await work();
    durations.push(performance.now() - started);
  }
  durations.sort((a, b) => a - b);
  const middle = durations[Math.floor(durations.length / 2)] ?? 0;
  return Math.round(middle * 100) / 100;
}

/**
 * The error's message, first line only, with any secret-looking URL credentials masked; for a store
 * error, just what the server said (the part after "Cause: ").
 */
export function errorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const line = message.split('\n')[0] ?? '';
  const cause = /Cause: (.*)$/.exec(line)?.[1] ?? line;
  return cause.replace(/(\/\/[^:/@\s]*:)[^@\s]*@/g, '$1***@');
}

/** True when Redis refused a command for lack of ACL permission. */
export function isNoPerm(error: unknown): boolean {
  return (
    /NOPERM|no permissions/i.test(errorMessage(error)) || /NOPERM/.test(String((error as { cause?: unknown })?.cause))
  );
}
