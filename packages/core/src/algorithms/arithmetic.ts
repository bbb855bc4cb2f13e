/**
 * Start of the epoch-aligned window of length `windowMs` that contains `now` (`now - now % windowMs`,
 * computed with a division: `%` on numbers past 2^31 is a slow floating-point remainder). The two
 * corrections keep it exact whatever the rounding of the division.
 */
export function windowStart(now: number, windowMs: number): number {
  let start = Math.floor(now / windowMs) * windowMs;
  if (start > now) start -= windowMs;
  else if (now - start >= windowMs) start += windowMs;
  return start;
}

/** The result of a denied call whose cost can never fit: retry when the quota is whole again. */
export function untilWhole(resetAt: number, now: number): number {
  return Math.max(1, resetAt - now);
}
