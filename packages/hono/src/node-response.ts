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

/** `writeHead`'s header fields (a record or a flat `[name, value, ...]` list) without the names of `headers`. */
function withoutOurs(fields: unknown, headers: Readonly<Record<string, string>>): unknown {
  if (Array.isArray(fields)) {
    if (fields.length === 0 || Array.isArray(fields[0])) return fields;
    const kept: unknown[] = [];
    for (let i = 0; i + 1 < fields.length; i += 2) {
      if (!isOurs(String(fields[i]), headers)) kept.push(fields[i], fields[i + 1]);
    }
    return kept.length === fields.length ? fields : kept;
  }
  if (typeof fields !== 'object' || fields === null) return fields;
  const record = fields as Record<string, unknown>;
  let kept: Record<string, unknown> | undefined;
  for (const name in record) {
    if (!isOurs(name, headers)) continue;
    kept ??= { ...record };
    delete kept[name];
  }
  return kept ?? fields;
}

/**
 * Writes `headers` into the head of Node's response when @hono/node-server writes it, over any
 * values the handler gave the same names. The handler's response keeps no `Headers` object of ours,
 * so the server writes it on its fast path: building, filling and reading back a `Headers` costs
 * more than deciding the request. Limiters nested on one request apply outermost last, so the
 * outermost one's values win, as they do when the headers are set on the Hono context.
 */
export function writeOnHead(out: NodeOutgoing, headers: Readonly<Record<string, string>>): void {
  const writeHead = out.writeHead;
  out.writeHead = function (this: NodeOutgoing, ...args: unknown[]) {
    const last = args.length - 1;
    if (last > 0) args[last] = withoutOurs(args[last], headers);
    for (const name in headers) this.setHeader(name, headers[name] as string);
    return writeHead.apply(this, args);
  };
}
