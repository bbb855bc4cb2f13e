/** A request body read as JSON: its value (undefined when empty or not JSON-typed), or a parse error. */
export type JsonBody = { readonly value: unknown; readonly invalid?: undefined } | { readonly invalid: true };

/**
 * Parses a body the way `express.json()` does, for the Fetch-based servers (Hono, Workers, Next):
 * only `application/json` (or `+json`) bodies are parsed; an empty one is undefined; malformed JSON
 * is `invalid` (answered with a 400 after the rate limiter counted the request).
 *
 * @example
 * parseJsonBody('application/json', '{"userText":"hi"}') // { value: { userText: 'hi' } }
 */
export function parseJsonBody(contentType: string | undefined, text: string): JsonBody {
  if (!contentType || !/^application\/([\w.+-]+\+)?json\b/i.test(contentType.trim())) return { value: undefined };
  if (text.trim() === '') return { value: undefined };
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return { invalid: true };
  }
}

/** The 400 for a malformed JSON body, the same on every server. */
export const INVALID_JSON = {
  status: 400,
  body: { error: { code: 'INVALID_JSON', message: 'The request body is not valid JSON.' } },
} as const;

/** The `email` of a parsed login body, if any. */
export function emailOf(body: JsonBody): unknown {
  return body.invalid ? undefined : (body.value as { email?: unknown } | null | undefined)?.email;
}
