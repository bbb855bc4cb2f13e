/**
 * Columnar storage for per-key state: numbers live in typed arrays indexed by a slot number, so a
 * key costs its `Map` entry, its key string and a few bytes per column — no object per key. States
 * that are lists (sliding log, leases) keep an object in `objects`.
 */
export class SlotTable {
  a: Float64Array;
  b: Float64Array;
  c: Float64Array;
  expiresAt: Float64Array;
  /** Algorithm code + 1 (0 = free slot). */
  kind: Uint8Array;
  /** CLOCK reference bit. */
  referenced: Uint8Array;
  objects: unknown[] = [];
  private free: number[] = [];
  private next = 0;

  constructor(capacity = 1024) {
    this.a = new Float64Array(capacity);
    this.b = new Float64Array(capacity);
    this.c = new Float64Array(capacity);
    this.expiresAt = new Float64Array(capacity);
    this.kind = new Uint8Array(capacity);
    this.referenced = new Uint8Array(capacity);
  }

  /** A free slot, growing the columns when needed. */
  allocate(kind: number): number {
    let slot = this.free.pop();
    if (slot === undefined) {
      if (this.next === this.kind.length) this.grow();
      slot = this.next++;
    }
    this.kind[slot] = kind + 1;
    this.referenced[slot] = 0;
    return slot;
  }

  release(slot: number): void {
    this.kind[slot] = 0;
    this.objects[slot] = undefined;
    this.free.push(slot);
  }

  /** Drops every slot (after close). */
  clear(): void {
    this.free = [];
    this.next = 0;
    this.objects = [];
    this.kind.fill(0);
  }

  private grow(): void {
    const size = this.kind.length * 2;
    const widen = <T extends Float64Array | Uint8Array>(old: T, make: (n: number) => T): T => {
      const wider = make(size);
      wider.set(old);
      return wider;
    };
    this.a = widen(this.a, (n) => new Float64Array(n));
    this.b = widen(this.b, (n) => new Float64Array(n));
    this.c = widen(this.c, (n) => new Float64Array(n));
    this.expiresAt = widen(this.expiresAt, (n) => new Float64Array(n));
    this.kind = widen(this.kind, (n) => new Uint8Array(n));
    this.referenced = widen(this.referenced, (n) => new Uint8Array(n));
  }
}
