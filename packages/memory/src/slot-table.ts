/** Numbers per slot in {@link SlotTable.words}: the state words s0, s1, s2, then the expiry. */
export const WORDS_PER_SLOT = 4;
/** Offset of the expiry (epoch ms) within a slot's words. */
export const EXPIRES_AT = 3;
/** The CLOCK reference bit in {@link SlotTable.meta}; the low bits hold the algorithm code + 1. */
const REFERENCED = 0x80;
const KIND_MASK = 0x7f;

/**
 * Per-key state stored by slot number, so a key costs its index entry, its identifier string and 33
 * bytes here — no object per key. A slot's numbers are one 32-byte record in `words` (s0, s1, s2,
 * expiresAt) rather than one array per field, so a check touches one cache line for them instead of
 * four (no difference measurable on 100 000 keys, where the key lookup dominates; two arrays to grow
 * instead of six). `meta` holds the algorithm code + 1 (0 = free) and the CLOCK reference bit, read
 * and written only through the methods below. States that are lists (sliding log, leases) keep an
 * object in `objects`.
 */
export class SlotTable {
  words: Float64Array;
  meta: Uint8Array;
  objects: unknown[] = [];
  private free: number[] = [];
  private next = 0;

  constructor(capacity = 1024) {
    this.words = new Float64Array(capacity * WORDS_PER_SLOT);
    this.meta = new Uint8Array(capacity);
  }

  /** A free slot holding algorithm `code`, not referenced, growing the table when needed. */
  allocate(code: number): number {
    let slot = this.free.pop();
    if (slot === undefined) {
      if (this.next === this.meta.length) this.grow();
      slot = this.next++;
    }
    this.meta[slot] = code + 1;
    return slot;
  }

  release(slot: number): void {
    this.meta[slot] = 0;
    this.objects[slot] = undefined;
    this.free.push(slot);
  }

  expiresAt(slot: number): number {
    return this.words[slot * WORDS_PER_SLOT + EXPIRES_AT] as number;
  }

  /** True when the slot holds algorithm `code`. */
  holds(slot: number, code: number): boolean {
    return ((this.meta[slot] as number) & KIND_MASK) === code + 1;
  }

  /** Sets the reference bit (the key was used). */
  reference(slot: number): void {
    this.meta[slot] = (this.meta[slot] as number) | REFERENCED;
  }

  /** Makes the slot hold algorithm `code`, referenced (a live key written again). */
  reassign(slot: number, code: number): void {
    this.meta[slot] = (code + 1) | REFERENCED;
  }

  /** Clears the reference bit; returns whether it was set. */
  unreference(slot: number): boolean {
    const meta = this.meta[slot] as number;
    if ((meta & REFERENCED) === 0) return false;
    this.meta[slot] = meta & KIND_MASK;
    return true;
  }

  /** Drops every slot (after close). */
  clear(): void {
    this.free = [];
    this.next = 0;
    this.objects = [];
    this.meta.fill(0);
  }

  private grow(): void {
    const words = new Float64Array(this.words.length * 2);
    words.set(this.words);
    this.words = words;
    const meta = new Uint8Array(this.meta.length * 2);
    meta.set(this.meta);
    this.meta = meta;
  }
}
