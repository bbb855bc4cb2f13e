/**
 * A decoded RESP2 reply. Simple strings are `string`; bulk strings are `string` (UTF-8) or, when
 * parsed with `{ buffers: true }`, `Buffer` (binary-safe, and distinguishable from simple strings).
 * Errors are values here (not thrown) so pipelined replies keep their order.
 */
export type RespValue = string | Buffer | number | null | RespError | RespValue[];

/** A RESP error reply (`-ERR ...`); `message` is the text after the dash. */
export class RespError extends Error {
  override name = 'RespError';
}

/** Encodes one command as a RESP array of bulk strings. */
export function encodeCommand(args: readonly (string | number | Buffer)[]): Buffer {
  const parts: Buffer[] = [Buffer.from(`*${args.length}\r\n`)];
  for (const arg of args) {
    const data = Buffer.isBuffer(arg) ? arg : Buffer.from(String(arg));
    parts.push(Buffer.from(`$${data.length}\r\n`), data, Buffer.from('\r\n'));
  }
  return Buffer.concat(parts);
}

/** Parser options. */
export interface ParseOptions {
  /** Return bulk strings as Buffers. Default false (UTF-8 strings). */
  buffers?: boolean;
}

/**
 * Parses one RESP2 value from `buf` at `offset`. Returns the value and the offset after it, or
 * `undefined` when the buffer does not hold a complete value yet.
 */
export function parseResp(
  buf: Buffer,
  offset = 0,
  options: ParseOptions = {},
): { value: RespValue; next: number } | undefined {
  const lineEnd = buf.indexOf('\r\n', offset);
  if (lineEnd < 0) return undefined;
  const type = String.fromCharCode(buf[offset] ?? 0);
  const line = buf.toString('utf8', offset + 1, lineEnd);
  const after = lineEnd + 2;
  switch (type) {
    case '+':
      return { value: line, next: after };
    case '-':
      return { value: new RespError(line), next: after };
    case ':':
      return { value: Number(line), next: after };
    case '$': {
      const length = Number(line);
      if (length < 0) return { value: null, next: after };
      if (buf.length < after + length + 2) return undefined;
      const value = options.buffers
        ? Buffer.from(buf.subarray(after, after + length))
        : buf.toString('utf8', after, after + length);
      return { value, next: after + length + 2 };
    }
    case '*': {
      const count = Number(line);
      if (count < 0) return { value: null, next: after };
      const items: RespValue[] = [];
      let next = after;
      for (let i = 0; i < count; i++) {
        const item = parseResp(buf, next, options);
        if (!item) return undefined;
        items.push(item.value);
        next = item.next;
      }
      return { value: items, next };
    }
    default:
      throw new Error(`unexpected RESP type byte ${JSON.stringify(type)}`);
  }
}
