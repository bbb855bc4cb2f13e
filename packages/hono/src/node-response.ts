import type { Context } from 'hono';

/** The parts of Node's `ServerResponse` (`c.env.outgoing` under @hono/node-server) used here. */
export interface NodeOutgoing {
  readonly headersSent?: boolean;
  setHeader(name: string, value: string): unknown;
  writeHead(...args: unknown[]): unknown;
}

/** Node's response under @hono/node-server, while its head can still be written; undefined elsewhere. */
export function nodeOutgoing(c: Context): NodeOutgoing | undefined {
  const env = c.env as { outgoing?: Partial<NodeOutgoing> } | undefined;
  const out = typeof env === 'object' && env !== null ? env.outgoing : undefined;
  if (typeof out !== 'object' || out === null || out.headersSent) return undefined;
  return typeof out.setHeader === 'function' && typeof out.writeHead === 'function' ? (out as NodeOutgoing) : undefined;
}

/** True when `name` is one of `headers`' names, compared without case. */
function isOurs(name: string, headers: Readonly<Record<string, string>>): boolean {
  let lower: string | undefined;
  for (const own in headers) {
    if (own.length !== name.length) continue;
    lower ??= name.toLowerCase();
    if (own.toLowerCase() === lower) return true;
  }
  return false;
}

/**
 * `writeHead`'s header fields (a record or a flat `[name, value, ...]` list) with `headers` in place
 * of any fields of the same names, or undefined when the fields cannot take them (none given, a
 * status message, a list of pairs).
 */
function withOurs(
  fields: unknown,
  headers: Readonly<Record<string, string>>,
): unknown[] | Record<string, unknown> | undefined {
  if (Array.isArray(fields)) {
    if (fields.length > 0 && Array.isArray(fields[0])) return undefined;
    const merged: unknown[] = [];
    for (let i = 0; i + 1 < fields.length; i += 2) {
      if (!isOurs(String(fields[i]), headers)) merged.push(fields[i], fields[i + 1]);
    }
    for (const name in headers) merged.push(name, headers[name]);
    return merged;
  }
  if (typeof fields !== 'object' || fields === null) return undefined;
  const record = fields as Record<string, unknown>;
  const merged: Record<string, unknown> = {};
  for (const name of Object.keys(record)) if (!isOurs(name, headers)) merged[name] = record[name];
  for (const name in headers) merged[name] = headers[name];
  return merged;
}

/**
 * Writes `headers` into the head of Node's response when @hono/node-server writes it, over any
 * values the handler gave the same names. The handler's response keeps no `Headers` object of ours,
 * so the server writes it on its fast path: building, filling and reading back a `Headers` costs
 * more than deciding the request. They go into the header record the server hands `writeHead`,
 * which Node serializes in one pass — five `setHeader` calls (each validating, lower-casing and
 * storing its header, then read back) cost ≈ 1.4 µs more per request. Limiters nested on one request
 * apply outermost last, so the outermost one's values win, as they do when the headers are set on
 * the Hono context.
 */
export function writeOnHead(out: NodeOutgoing, headers: Readonly<Record<string, string>>): void {
  const writeHead = out.writeHead;
  out.writeHead = function (this: NodeOutgoing, ...args: unknown[]) {
    const last = args.length - 1;
    const merged = last > 0 ? withOurs(args[last], headers) : undefined;
    if (merged !== undefined) args[last] = merged;
    else for (const name in headers) this.setHeader(name, headers[name] as string);
    return writeHead.apply(this, args);
  };
}
