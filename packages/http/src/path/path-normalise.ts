const UNRESERVED = /^[A-Za-z0-9\-._~!$&'()*+,;=:@]$/;
const HEX = '0123456789ABCDEF';

function encodeByte(byte: number): string {
  return `%${HEX[byte >> 4]}${HEX[byte & 15]}`;
}

/** Decodes escapes of characters that mean the same either way and upper-cases the rest (RFC 3986 §6.2.2). */
function normaliseEscapes(segment: string): string {
  let out = '';
  for (let i = 0; i < segment.length; i++) {
    const c = segment.charAt(i);
    if (c === '%' && /^[0-9A-Fa-f]{2}$/.test(segment.slice(i + 1, i + 3))) {
      const byte = Number.parseInt(segment.slice(i + 1, i + 3), 16);
      const decoded = String.fromCharCode(byte);
      out += byte < 0x80 && UNRESERVED.test(decoded) ? decoded : encodeByte(byte);
      i += 2;
    } else if (c.charCodeAt(0) >= 0x80) {
      const point = segment.codePointAt(i) as number;
      const char = String.fromCodePoint(point);
      if (point > 0xffff) i++;
      out += point >= 0xd800 && point <= 0xdfff ? '%EF%BF%BD' : encodeURIComponent(char);
    } else if (c === '%' || c.charCodeAt(0) <= 0x20 || c.charCodeAt(0) === 0x7f || c === '"' || c === '\\') {
      out += encodeByte(c.charCodeAt(0));
    } else {
      out += c;
    }
  }
  return out;
}

function foldCase(segment: string): string {
  return segment.replace(/%[0-9A-F]{2}|[A-Z]+/g, (part) => (part.startsWith('%') ? part : part.toLowerCase()));
}

// Paths the steps below would return unchanged (the usual case): non-empty segments of characters
// that need no escaping and, for NORMAL, no upper case; no `.` or `..` segment, no trailing slash.
const NORMAL = /^(?:\/(?!\.\.?(?:\/|$))[!$&'()*+,\-.0-9:;<=>@[\]^_`a-z{|}~]+)+$/;
const NORMAL_CASED = /^(?:\/(?!\.\.?(?:\/|$))[!$&'()*+,\-.0-9:;<=>@A-Z[\]^_`a-z{|}~]+)+$/;

/** At most this many characters of a path are considered; longer paths are cut (their key is hashed anyway). */
export const MAX_PATH = 4096;

/**
 * Normalises a request path so that every spelling a router treats as the same route gives the same
 * string: query and fragment dropped, duplicate and trailing slashes removed, `.` and `..` segments
 * resolved (also when percent-encoded), needless percent-encoding decoded and the rest upper-cased,
 * other bytes encoded, and — unless `caseSensitive` — letters lower-cased.
 *
 * @example
 * normalisePath('//API/./users/../items/%69d/?x=1') // '/api/items/id'
 */
export function normalisePath(path: string, caseSensitive = false): string {
  let raw = typeof path === 'string' ? path : '/';
  const cut = raw.search(/[?#]/);
  if (cut !== -1) raw = raw.slice(0, cut);
  if (raw.length > MAX_PATH) raw = raw.slice(0, MAX_PATH);
  if (raw === '/' || (caseSensitive ? NORMAL_CASED : NORMAL).test(raw)) return raw;
  return normaliseSegments(raw, caseSensitive);
}

/** The segment-by-segment steps of {@link normalisePath}, for a path without query or fragment. */
export function normaliseSegments(raw: string, caseSensitive: boolean): string {
  const out: string[] = [];
  for (const piece of raw.split('/')) {
    const segment = normaliseEscapes(piece);
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      out.pop();
      continue;
    }
    out.push(caseSensitive ? segment : foldCase(segment));
  }
  return `/${out.join('/')}`;
}

/** HTTP methods upper-cased, with HEAD counted as GET (frameworks serve HEAD from GET routes). */
export function normaliseMethod(method: string): string {
  if (method === 'GET' || method === 'POST') return method;
  const upper = typeof method === 'string' ? method.toUpperCase() : 'GET';
  return upper === 'HEAD' ? 'GET' : upper;
}
