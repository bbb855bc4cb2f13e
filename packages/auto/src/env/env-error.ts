import { describeValue, RateLimitError } from '@rl/core';

/** How an environment value may appear in messages: as is, masked (URLs with credentials), or not at all. */
export type Shown = { value: unknown } | { masked: string } | 'secret';

function show(shown: Shown): string {
  if (shown === 'secret') return 'a value (not shown: it is a secret)';
  if ('masked' in shown) return JSON.stringify(shown.masked);
  return describeValue(shown.value);
}

/**
 * The `RL_INVALID_CONFIG` error for environment variable `variable`: it names the variable, shows the
 * value (never a password or token) and says what is expected.
 */
export function invalidEnv(variable: string, shown: Shown, expected: string): RateLimitError {
  return new RateLimitError(
    'RL_INVALID_CONFIG',
    `Invalid environment variable ${variable}: got ${show(shown)}, expected ${expected}.`,
    { details: { option: variable, variable, expected } },
  );
}
