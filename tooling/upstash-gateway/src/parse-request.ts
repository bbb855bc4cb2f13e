/** What one HTTP request asks the gateway to run. */
export type GatewayRequest =
  | { kind: 'command'; command: string[] }
  | { kind: 'pipeline' | 'multi-exec'; commands: string[][] };

/** Thrown for a request the gateway cannot turn into commands; becomes a 400 `{ error }`. */
export class BadRequestError extends Error {
  override name = 'BadRequestError';
}

/**
 * Commands that would change or hijack the state of a pooled connection. Upstash runs the
 * equivalent of these only through its own endpoints (`/multi-exec`, `/subscribe`, ...).
 */
const REJECTED = new Set([
  'MULTI',
  'EXEC',
  'DISCARD',
  'WATCH',
  'UNWATCH',
  'SUBSCRIBE',
  'PSUBSCRIBE',
  'SSUBSCRIBE',
  'UNSUBSCRIBE',
  'PUNSUBSCRIBE',
  'SUNSUBSCRIBE',
  'MONITOR',
  'SELECT',
  'AUTH',
  'HELLO',
  'QUIT',
  'RESET',
]);

function toArgument(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new BadRequestError(
    `ERR failed to parse command: arguments must be strings or numbers, got ${JSON.stringify(value)}`,
  );
}

function toCommand(value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new BadRequestError(
      `ERR failed to parse command: expected a non-empty JSON array, got ${JSON.stringify(value)}`,
    );
  }
  const command = value.map(toArgument);
  const name = command[0]!.toUpperCase();
  if (REJECTED.has(name)) throw new BadRequestError(`ERR Command is not allowed: ${name}`);
  return command;
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new BadRequestError('ERR failed to parse request body: not valid JSON');
  }
}

/**
 * Turns a request into commands, the way the Upstash REST API reads them:
 * - `POST /` with a JSON array body: one command;
 * - `POST /pipeline` and `POST /multi-exec` with a JSON array of arrays;
 * - `GET|POST|PUT /cmd/arg1/arg2...`: path segments (URL-decoded); a non-empty POST/PUT body is
 *   appended as the last argument, then query parameters (except `_token`) as `name, value`.
 */
export function parseRequest(method: string, url: URL, body: Buffer): GatewayRequest {
  const segments = url.pathname
    .split('/')
    .filter((segment) => segment.length > 0)
    .map((segment) => decodeURIComponent(segment));
  const first = segments[0];
  if (segments.length === 1 && (first === 'pipeline' || first === 'multi-exec')) {
    if (method !== 'POST') throw new BadRequestError(`ERR /${first} accepts POST only`);
    const parsed = parseJson(body);
    if (!Array.isArray(parsed) || parsed.length === 0) {
      throw new BadRequestError(`ERR failed to parse ${first} request: expected a non-empty array of commands`);
    }
    return { kind: first, commands: parsed.map(toCommand) };
  }
  if (segments.length === 0) {
    if (method !== 'POST' && method !== 'PUT')
      throw new BadRequestError('ERR send a command: POST / with a JSON array');
    return { kind: 'command', command: toCommand(parseJson(body)) };
  }
  const command = [...segments];
  if (body.length > 0) command.push(body.toString('utf8'));
  for (const [name, value] of url.searchParams) {
    if (name === '_token') continue;
    command.push(name);
    if (value !== '') command.push(value);
  }
  return { kind: 'command', command: toCommand(command) };
}
