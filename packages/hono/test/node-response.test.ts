import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { writeOnHead } from '../src/node-response.js';

// writeOnHead on Node's own ServerResponse: what the serialized head says, whichever way
// writeHead is called (@hono/node-server passes a record; other callers a list, a status message or nothing).

const OURS = { 'X-RateLimit-Limit': '3', RateLimit: '"fixed-window-60000";r=2;t=40' };

function response(): ServerResponse & { _header?: string } {
  const res = new ServerResponse(new IncomingMessage(new Socket()));
  writeOnHead(res, OURS);
  return res;
}

/** The head Node serialized, as lower-cased name → values. */
function head(res: ServerResponse & { _header?: string }): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const line of (res._header ?? '').split('\r\n').slice(1)) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = line.slice(0, colon).toLowerCase();
    fields[name] = [...(fields[name] ?? []), line.slice(colon + 1).trim()];
  }
  return fields;
}

describe('writeOnHead', () => {
  it('merges into the header record, replacing fields of the same name whatever their case', () => {
    const res = response();
    res.writeHead(200, { 'content-type': 'text/plain', 'x-ratelimit-limit': '999', 'Content-Length': 2 });
    expect(head(res)).toMatchObject({
      'content-type': ['text/plain'],
      'content-length': ['2'],
      'x-ratelimit-limit': ['3'],
      ratelimit: ['"fixed-window-60000";r=2;t=40'],
    });
  });

  it('merges into a flat [name, value, ...] list', () => {
    const res = response();
    res.writeHead(201, ['X-Own', '1', 'RATELIMIT', 'theirs']);
    expect(res.statusCode).toBe(201);
    expect(head(res)).toMatchObject({ 'x-own': ['1'], 'x-ratelimit-limit': ['3'], ratelimit: [OURS.RateLimit] });
  });

  it('sets them on the response when writeHead gets no fields or only a status message', () => {
    const bare = response();
    bare.setHeader('x-ratelimit-limit', '999');
    bare.writeHead(204);
    expect(head(bare)['x-ratelimit-limit']).toEqual(['3']);
    const message = response();
    message.writeHead(200, 'Fine');
    expect(message.statusMessage).toBe('Fine');
    expect(head(message)['x-ratelimit-limit']).toEqual(['3']);
  });

  it('keeps headers set earlier with setHeader, ours over theirs', () => {
    const res = response();
    res.setHeader('X-Earlier', 'yes');
    res.setHeader('X-RateLimit-Limit', '999');
    res.writeHead(200, { 'content-type': 'text/plain' });
    expect(head(res)).toMatchObject({
      'x-earlier': ['yes'],
      'x-ratelimit-limit': ['3'],
      'content-type': ['text/plain'],
    });
  });
});
