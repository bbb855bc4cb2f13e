/**
 * The little an adapter tells @rl/http about a request, whatever the framework:
 * - `method`: as received (`get`, `HEAD`...);
 * - `path`: the path as received, without scheme and host (a query string is ignored);
 * - `headers(name)`: a header's value by lower-case name, undefined when absent (repeated
 *   headers joined with `, `);
 * - `remoteAddress`: the socket peer's address; undefined where there is no socket (Workers,
 *   Next edge), in which case the platform counts as the first, trusted-on-demand hop.
 */
export interface HttpRequestView {
  readonly method: string;
  readonly path: string;
  headers(name: string): string | undefined;
  readonly remoteAddress: string | undefined;
}

/** A header reader over a Fetch API `Headers` object (Hono, Next, Workers). */
export function fetchHeaders(headers: { get(name: string): string | null }): (name: string) => string | undefined {
  return (name) => headers.get(name) ?? undefined;
}
