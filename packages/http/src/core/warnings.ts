import { invalidConfig } from '@rl/core';

/** Codes of the misconfiguration warnings @rl/http logs, each at most once per limiter. */
export type WarningCode =
  | 'RL_W_PERMISSIVE_TRUST_PROXY'
  | 'RL_W_UNTRUSTED_FORWARDED_HEADER'
  | 'RL_W_NO_CLIENT_IP'
  | 'RL_W_KEY_RAW_IPV6'
  | 'RL_W_STORE_FAILURE'
  | 'RL_W_FRAMEWORK_TRUST_PROXY';

export const WARNING_CODES: readonly WarningCode[] = [
  'RL_W_PERMISSIVE_TRUST_PROXY',
  'RL_W_UNTRUSTED_FORWARDED_HEADER',
  'RL_W_NO_CLIENT_IP',
  'RL_W_KEY_RAW_IPV6',
  'RL_W_STORE_FAILURE',
  'RL_W_FRAMEWORK_TRUST_PROXY',
];

/** A warning about configuration or about a condition the operator should see. */
export interface RateLimitWarning {
  readonly code: WarningCode;
  readonly message: string;
}

/** Which warnings are on: `true`/`false` for all, or per code (unlisted codes stay on). */
export type ValidateOption = boolean | Partial<Record<WarningCode, boolean>>;

/** Emits each warning code once. */
export interface Warnings {
  warn(code: WarningCode, message: string): void;
  /** True while `code` is on and not yet reported: checks that only feed a warning can stop after it. */
  pending(code: WarningCode): boolean;
}

interface ConsoleLike {
  warn(...args: unknown[]): void;
}

function consoleWarn(warning: RateLimitWarning): void {
  const target = (globalThis as { console?: ConsoleLike }).console;
  target?.warn(`[@rl/http] ${warning.code}: ${warning.message}`);
}

/**
 * Creates the warning channel of one limiter: every code is reported at most once, to
 * `onWarning` (default `console.warn`), unless switched off with `validate`.
 *
 * @example
 * const warnings = createWarnings({ validate: { RL_W_NO_CLIENT_IP: false } })
 * warnings.warn('RL_W_PERMISSIVE_TRUST_PROXY', 'trustProxy: true lets any client choose its own key.')
 */
export function createWarnings(
  options: { validate?: ValidateOption; onWarning?: (warning: RateLimitWarning) => void } = {},
): Warnings {
  const { validate = true, onWarning = consoleWarn } = options;
  if (typeof validate !== 'boolean' && (validate === null || typeof validate !== 'object')) {
    throw invalidConfig('validate', validate, 'true, false, or an object of warning codes to booleans');
  }
  if (typeof onWarning !== 'function') throw invalidConfig('onWarning', onWarning, 'a function');
  if (typeof validate === 'object') {
    for (const code of Object.keys(validate)) {
      if (!WARNING_CODES.includes(code as WarningCode)) {
        throw invalidConfig('validate', code, `one of ${WARNING_CODES.join(', ')}`);
      }
    }
  }
  const seen = new Set<WarningCode>();
  const enabled = (code: WarningCode): boolean => (typeof validate === 'boolean' ? validate : (validate[code] ?? true));
  return {
    pending: (code) => !seen.has(code) && enabled(code),
    warn(code, message) {
      if (seen.has(code) || !enabled(code)) return;
      seen.add(code);
      try {
        onWarning({ code, message });
      } catch {
        // A faulty warning sink must never break a request.
      }
    },
  };
}
