import { describeValue, RateLimitError } from './errors.js';

/** A duration: milliseconds as a number, or a string such as `"1m"`, `"15 s"`, `"500ms"`, `"1.5h"`. */
export type Duration = number | string;

const UNIT_MS: Readonly<Record<string, number>> = {
  ms: 1,
  millisecond: 1,
  milliseconds: 1,
  s: 1000,
  sec: 1000,
  secs: 1000,
  second: 1000,
  seconds: 1000,
  m: 60_000,
  min: 60_000,
  mins: 60_000,
  minute: 60_000,
  minutes: 60_000,
  h: 3_600_000,
  hr: 3_600_000,
  hrs: 3_600_000,
  hour: 3_600_000,
  hours: 3_600_000,
  d: 86_400_000,
  day: 86_400_000,
  days: 86_400_000,
};

const PATTERN = /^\s*(\d+(?:\.\d+)?)\s*([a-z]+)?\s*$/i;

/** The largest duration @rl accepts: 366 days. */
export const MAX_DURATION_MS = 366 * 86_400_000;

/**
 * Parses a duration into whole milliseconds (> 0). Throws `RL_INVALID_CONFIG` naming `option`.
 *
 * @example
 * parseDuration('1m', 'window') // 60000
 * parseDuration('15 s', 'window') // 15000
 */
export function parseDuration(input: unknown, option: string): number {
  let ms: number | undefined;
  if (typeof input === 'number') ms = input;
  else if (typeof input === 'string' && input.length <= 64) {
    const match = PATTERN.exec(input);
    if (match) {
      const unit = UNIT_MS[(match[2] ?? 'ms').toLowerCase()];
      if (unit !== undefined) ms = Number(match[1]) * unit;
    }
  }
  if (ms === undefined || !Number.isFinite(ms)) {
    throw new RateLimitError(
      'RL_INVALID_CONFIG',
      `Invalid option "${option}": got ${describeValue(input)}, expected a duration such as 60000, "1m", "15 s" or "500ms".`,
      { details: { option, value: input } },
    );
  }
  if (!Number.isInteger(ms) || ms < 1 || ms > MAX_DURATION_MS) {
    throw new RateLimitError(
      'RL_INVALID_CONFIG',
      `Invalid option "${option}": got ${describeValue(input)}, expected a whole number of milliseconds from 1 to ${MAX_DURATION_MS} (366 days).`,
      { details: { option, value: input } },
    );
  }
  return ms;
}
