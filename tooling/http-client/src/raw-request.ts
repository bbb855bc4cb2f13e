import { connect } from 'node:net';

/** Parses a `Connection: close` HTTP/1.1 response (Content-Length or read-to-end bodies, no chunking). */
function parse(bytes: Buffer, method: string): Response {
  const end = bytes.indexOf('\r\n\r\n');
  const head = bytes.subarray(0, end === -1 ? bytes.length : end).toString('latin1');
  const [statusLine = '', ...lines] = head.split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 502);
  const headers = new Headers();
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  const body =
    end === -1 || method === 'HEAD' || status === 204 || status === 304
      ? null
      : new Uint8Array(bytes.subarray(end + 4));
  return new Response(body, { status, headers });
}

/**
 * Sends a request as raw bytes, so header values Node's own client refuses (control characters)
 * still reach the server, and reads the answer until the server closes the connection.
 *
 * @example
 * const res = await rawRequest(port, 'GET', '/x', [['x-user-id', 'a\u0001b']])
 */
export function rawRequest(
  port: number,
  method: string,
  path: string,
  headers: readonly (readonly [string, string])[],
): Promise<Response> {
  const lines = [`${method} ${path} HTTP/1.1`, `host: 127.0.0.1:${port}`, 'connection: close'];
  for (const [name, value] of headers) lines.push(`${name}: ${value}`);
  const request = Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect(port, '127.0.0.1', () => socket.end(request));
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', (error) => (chunks.length > 0 ? undefined : reject(error)));
    socket.on('close', () => resolve(parse(Buffer.concat(chunks), method)));
  });
}
