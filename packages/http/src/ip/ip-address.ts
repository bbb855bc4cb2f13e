/** An IP address as bytes: 4 for IPv4, 16 for IPv6. IPv4-mapped IPv6 (`::ffff:a.b.c.d`) is always IPv4. */
export interface IpAddress {
  readonly version: 4 | 6;
  readonly bytes: Uint8Array;
}

/** Longer inputs are never addresses (the longest IPv6 text with zone and port is far shorter). */
const MAX_TEXT = 64;
const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

function parseV4(text: string): Uint8Array | undefined {
  const match = IPV4.exec(text);
  if (!match) return undefined;
  const bytes = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    const octet = Number(match[i + 1]);
    if (octet > 255) return undefined;
    bytes[i] = octet;
  }
  return bytes;
}

function parseGroups(text: string, allowV4Tail: boolean): number[] | undefined {
  if (text === '') return [];
  const parts = text.split(':');
  const groups: number[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    if (allowV4Tail && i === parts.length - 1 && part.includes('.')) {
      const v4 = parseV4(part);
      if (!v4) return undefined;
      groups.push(((v4[0] as number) << 8) | (v4[1] as number), ((v4[2] as number) << 8) | (v4[3] as number));
    } else if (HEX_GROUP.test(part)) {
      groups.push(Number.parseInt(part, 16));
    } else {
      return undefined;
    }
  }
  return groups;
}

function parseV6(text: string): Uint8Array | undefined {
  const zone = text.indexOf('%');
  const address = zone === -1 ? text : text.slice(0, zone);
  const halves = address.split('::');
  if (halves.length > 2) return undefined;
  let groups: number[];
  if (halves.length === 2) {
    const head = parseGroups(halves[0] as string, false);
    const tail = parseGroups(halves[1] as string, true);
    if (!head || !tail || head.length + tail.length > 7) return undefined;
    groups = [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
  } else {
    const all = parseGroups(address, true);
    if (all?.length !== 8) return undefined;
    groups = all;
  }
  const bytes = new Uint8Array(16);
  groups.forEach((group, i) => {
    bytes[2 * i] = group >> 8;
    bytes[2 * i + 1] = group & 0xff;
  });
  return bytes;
}

function isV4Mapped(bytes: Uint8Array): boolean {
  for (let i = 0; i < 10; i++) if (bytes[i] !== 0) return false;
  return bytes[10] === 0xff && bytes[11] === 0xff;
}

/** Removes brackets and a port: `[::1]:80` → `::1`, `1.2.3.4:80` → `1.2.3.4`. */
function stripPort(text: string): string {
  if (text.startsWith('[')) {
    const end = text.indexOf(']');
    return end === -1 ? text : text.slice(1, end);
  }
  const colon = text.indexOf(':');
  if (colon !== -1 && colon === text.lastIndexOf(':') && text.slice(0, colon).includes('.')) {
    return text.slice(0, colon);
  }
  return text;
}

/**
 * Parses an IPv4 or IPv6 address, tolerating surrounding spaces, brackets, a port and an IPv6 zone.
 * Returns undefined for anything else (names, `unknown`, garbage, over-long text).
 *
 * @example
 * parseIp('::ffff:192.0.2.1') // { version: 4, bytes: [192, 0, 2, 1] }
 * parseIp('[2001:db8::1]:443') // { version: 6, ... }
 */
export function parseIp(input: string | undefined): IpAddress | undefined {
  if (typeof input !== 'string' || input.length === 0 || input.length > MAX_TEXT) return undefined;
  const text = stripPort(input.trim());
  const v4 = parseV4(text);
  if (v4) return { version: 4, bytes: v4 };
  if (!text.includes(':')) return undefined;
  const v6 = parseV6(text);
  if (!v6) return undefined;
  return isV4Mapped(v6) ? { version: 4, bytes: v6.slice(12) } : { version: 6, bytes: v6 };
}

/**
 * The canonical text of an address: dotted IPv4, or RFC 5952 IPv6 (lower case, longest zero run
 * compressed).
 *
 * @example
 * formatIp(parseIp('2001:0DB8:0:0:0:0:0:1')!) // '2001:db8::1'
 */
export function formatIp(ip: IpAddress): string {
  const b = ip.bytes;
  if (ip.version === 4) return `${b[0]}.${b[1]}.${b[2]}.${b[3]}`;
  const groups: number[] = [];
  for (let i = 0; i < 8; i++) groups.push(((b[2 * i] as number) << 8) | (b[2 * i + 1] as number));
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((group) => group.toString(16));
  if (bestStart === -1) return hex.join(':');
  const head = hex.slice(0, bestStart).join(':');
  const tail = hex.slice(bestStart + bestLength).join(':');
  return `${head}::${tail}`;
}
