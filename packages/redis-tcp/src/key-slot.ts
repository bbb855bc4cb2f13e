import { hashTag } from '@rl-internal/redis-scripts';

/** CRC16-CCITT (XMODEM) table, the checksum Redis Cluster hashes keys with. */
const TABLE = (() => {
  const table = new Uint16Array(256);
  for (let byte = 0; byte < 256; byte++) {
    let crc = byte << 8;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    table[byte] = crc;
  }
  return table;
})();

const encoder = new TextEncoder();

/**
 * The Redis Cluster slot of `key` (0–16383): CRC16 of its hash tag (the text between the first `{`
 * and the next `}` when not empty, else the whole key), as `CLUSTER KEYSLOT` computes it.
 */
export function keySlot(key: string): number {
  let crc = 0;
  for (const byte of encoder.encode(hashTag(key))) {
    crc = ((crc << 8) & 0xffff) ^ (TABLE[((crc >> 8) ^ byte) & 0xff] as number);
  }
  return crc % 16384;
}
