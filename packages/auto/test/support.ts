import type { AutoLogger } from '../src/index.js';

/** A logger that records every line, for asserting what @rl/auto says. */
export function recordingLogger(): AutoLogger & { lines: string[]; text(): string } {
  const lines: string[] = [];
  return {
    lines,
    info: (m) => lines.push(`info ${m}`),
    warn: (m) => lines.push(`warn ${m}`),
    error: (m) => lines.push(`error ${m}`),
    text: () => lines.join('\n'),
  };
}
