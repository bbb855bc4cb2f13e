import type { FailurePolicy } from '@rl/core';

/** Where @rl/auto writes its connection messages. `console` by default; pass `false` to silence. */
export interface AutoLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** The default logger. */
export const consoleLogger: AutoLogger = {
  info: (message) => console.info(message),
  warn: (message) => console.warn(message),
  error: (message) => console.error(message),
};

const SILENT: AutoLogger = { info() {}, warn() {}, error() {} };

/** The logger option resolved: a logger, `false` for none, or undefined for `console`. */
export function resolveLogger(logger: AutoLogger | false | undefined): AutoLogger {
  if (logger === false) return SILENT;
  return logger ?? consoleLogger;
}

/** What the failure policy in force means for requests, for "⚠️ Redis unavailable — …". */
export function describePolicy(policy: FailurePolicy | 'none'): string {
  switch (policy) {
    case 'fallback':
      return 'fallback: in-process limits per instance until it answers';
    case 'fail-open':
      return 'fail-open: requests are admitted without limits until it answers';
    case 'fail-closed':
      return 'fail-closed: requests are refused (503) until it answers';
    default:
      return 'no failure policy: rate-limit calls reject until it answers';
  }
}

/** "✅ Redis: Connected and ready (…)". */
export function connectedMessage(where: string, latencyMs: number | null): string {
  return `✅ Redis: Connected and ready (${where}${latencyMs === null ? '' : `, ${latencyMs} ms`})`;
}

/** "⚠️ Redis unavailable — <policy in force> (…)". */
export function unavailableMessage(policy: FailurePolicy | 'none', where: string, error: string | undefined): string {
  return `⚠️ Redis unavailable — ${describePolicy(policy)} (${where}${error === undefined ? '' : `: ${error}`})`;
}
