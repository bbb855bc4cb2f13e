import { describeValue, invalidConfig, RateLimitError } from '../errors.js';
import { hashString } from './hash.js';

/** Every key @rl builds is at most this many bytes. */
export const MAX_KEY_BYTES = 128;

const PREFIX_PATTERN = /^[A-Za-z0-9._:-]{1,48}$/;
const ESCAPED = /[%{}:#]/g;

/**
 * Checks a key prefix: 1 to 48 characters from `A-Z a-z 0-9 . _ : -` (no braces, so the Cluster
 * hash tag stays the identifier).
 */
export function checkPrefix(prefix: unknown): string {
  if (typeof prefix !== 'string' || !PREFIX_PATTERN.test(prefix)) {
    throw invalidConfig('prefix', prefix, '1 to 48 characters from A-Z a-z 0-9 . _ : -');
  }
  return prefix;
}

/**
 * Turns a caller's identifier into the part of the key inside the hash tag: printable ASCII is kept
 * readable with `%`, `{`, `}`, `:` and `#` percent-escaped; anything else (Unicode, controls, NUL,
 * lone surrogates) or anything longer than `budget` becomes `#` + a 22-character digest, which no
 * escaped identifier can equal.
 */
export function encodeIdentifier(identifier: unknown, budget: number): string {
  if (typeof identifier !== 'string') {
    throw new RateLimitError(
      'RL_INVALID_IDENTIFIER',
      `Invalid identifier: got ${describeValue(identifier)} (${typeof identifier}), expected a non-empty string such as an IP address or a user id.`,
      { details: { value: identifier } },
    );
  }
  if (identifier.length === 0) {
    throw new RateLimitError(
      'RL_INVALID_IDENTIFIER',
      'Invalid identifier: got an empty string, expected a non-empty string such as an IP address or a user id.',
      { details: { value: identifier } },
    );
  }
  if (identifier.length <= budget) {
    let escapes = 0;
    let plain = true;
    for (let i = 0; i < identifier.length; i++) {
      const code = identifier.charCodeAt(i);
      if (code < 0x21 || code > 0x7e) {
        plain = false;
        break;
      }
      // % { } : #
      if (code === 0x25 || code === 0x7b || code === 0x7d || code === 0x3a || code === 0x23) escapes++;
    }
    if (plain && escapes === 0) return identifier;
    if (plain && identifier.length + 2 * escapes <= budget) {
      return identifier.replace(ESCAPED, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
    }
  }
  return `#${hashString(identifier)}`;
}

/**
 * Builds the storage key `<prefix>:<rule>:{<identifier>}`. Every rule of one identifier shares the
 * Redis Cluster hash tag `{<identifier>}`, so a multi-rule check never crosses slots.
 *
 * @example
 * buildKey('rl', 'api', '192.168.1.1') // 'rl:api:{192.168.1.1}'
 * buildKey('rl', 'auth', '10.0.0.1:user123') // 'rl:auth:{10.0.0.1%3Auser123}'
 */
export function buildKey(prefix: string, ruleName: string, identifier: string): string {
  const scope = keyScope(prefix, ruleName);
  return joinKey(scope, encodeIdentifier(identifier, idBudget(scope)));
}

/** The part of a key before its hash tag: `<prefix>:<rule>:`. */
export function keyScope(prefix: string, ruleName: string): string {
  return `${prefix}:${ruleName}:`;
}

/** Characters left for the encoded identifier in a key of `scope` (the braces take 2). */
export function idBudget(scope: string): number {
  return MAX_KEY_BYTES - scope.length - 2;
}

/** The key of encoded identifier `id` in `scope`: `<scope>{<id>}`. */
export function joinKey(scope: string, id: string): string {
  return `${scope}{${id}}`;
}

/** A key cut into the part before its hash tag and the encoded identifier inside it. */
export interface KeyParts {
  readonly scope: string;
  readonly id: string;
}

/**
 * Cuts a key into scope and id so that `joinKey(scope, id) === key`. A key not of the form
 * `<scope>{<id>}` (a scope ending in `:` without braces, an id without braces) has scope `""` and
 * is its own id; no key of that form has scope `""`, so different keys never share parts.
 *
 * @example
 * splitKey('rl:api:{192.168.1.1}') // { scope: 'rl:api:', id: '192.168.1.1' }
 * splitKey('session-42') // { scope: '', id: 'session-42' }
 */
export function splitKey(key: string): KeyParts {
  const open = key.indexOf('{');
  if (open > 0 && key.charCodeAt(open - 1) === 0x3a && key.charCodeAt(key.length - 1) === 0x7d) {
    const id = key.slice(open + 1, -1);
    if (id.indexOf('{') === -1 && id.indexOf('}') === -1) return { scope: key.slice(0, open), id };
  }
  return { scope: '', id: key };
}
