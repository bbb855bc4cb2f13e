import { type IpAddress, parseIp } from './ip-address.js';

/** At most this many entries of a forwarding header are examined, from the right. */
export const MAX_HOPS = 32;

function forwardedFor(element: string): string | undefined {
  for (const pair of element.split(';')) {
    const eq = pair.indexOf('=');
    if (eq === -1 || pair.slice(0, eq).trim().toLowerCase() !== 'for') continue;
    const value = pair.slice(eq + 1).trim();
    return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
  }
  return undefined;
}

/**
 * The last `max` entries of an `X-Forwarded-For` or `Forwarded` value, rightmost (nearest) first,
 * each parsed by `parse` (undefined where an entry is not an address). Reads from the end, so a huge header
 * costs no more than its last entries.
 *
 * @example
 * forwardedEntries('198.51.100.7, 10.0.0.2', 'x-forwarded-for') // [10.0.0.2, 198.51.100.7]
 * forwardedEntries('for=192.0.2.60;proto=http', 'forwarded') // [192.0.2.60]
 */
export function forwardedEntries(
  value: string,
  header: 'x-forwarded-for' | 'forwarded',
  max: number = MAX_HOPS,
  parse: (text: string | undefined) => IpAddress | undefined = parseIp,
): (IpAddress | undefined)[] {
  const entries: (IpAddress | undefined)[] = [];
  let end = value.length;
  while (entries.length < max && end >= 0) {
    const comma = value.lastIndexOf(',', end - 1);
    const item = value.slice(comma + 1, end);
    if (item.trim() !== '' || entries.length > 0 || comma !== -1) {
      entries.push(parse(header === 'forwarded' ? forwardedFor(item) : item));
    }
    if (comma === -1) break;
    end = comma;
  }
  return entries;
}
