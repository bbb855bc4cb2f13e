import type { SlotTable } from './slot-table.js';

/**
 * Keeps the key index bounded without per-key timers:
 * - `sweep` looks at a few keys per call (resuming where it stopped) and drops the expired ones, so
 *   memory follows live keys even when keys are never read again;
 * - `makeRoom` makes space when the index is full: all expired keys first (a full sweep, at most once
 *   per maxKeys/8 inserts into a full index, so inserts stay amortised O(1)), then, by the CLOCK
 *   (second-chance) approximation of least-recently-used, a key not used since the hand last passed
 *   it. A hit only sets a bit, so the hot path never reorders the map.
 */
export class ClockSweep {
  private hand: Iterator<[string, number]> | undefined;
  private fullInserts = Number.POSITIVE_INFINITY;

  constructor(
    private readonly index: Map<string, number>,
    private readonly table: SlotTable,
    private readonly maxKeys: number,
    private readonly sweepBatch: number,
  ) {}

  private drop(key: string, slot: number): void {
    this.index.delete(key);
    this.table.release(slot);
  }

  private next(): [string, number] | undefined {
    if (this.hand === undefined) this.hand = this.index.entries();
    let step = this.hand.next();
    if (step.done) {
      this.hand = this.index.entries();
      step = this.hand.next();
    }
    return step.done ? undefined : step.value;
  }

  /** Drops the expired keys among the next `sweepBatch`. */
  sweep(now: number): void {
    const count = Math.min(this.sweepBatch, this.index.size);
    for (let i = 0; i < count; i++) {
      const item = this.next();
      if (item === undefined) return;
      if ((this.table.expiresAt[item[1]] as number) <= now) this.drop(item[0], item[1]);
    }
  }

  private sweepAll(now: number): void {
    for (const [key, slot] of this.index) if ((this.table.expiresAt[slot] as number) <= now) this.drop(key, slot);
  }

  /** Ensures one more key fits. Returns how many live keys were evicted. */
  makeRoom(now: number): number {
    if (this.index.size < this.maxKeys) return 0;
    this.fullInserts += 1;
    if (this.fullInserts >= Math.max(1, this.maxKeys / 8)) {
      this.fullInserts = 0;
      this.sweepAll(now);
      if (this.index.size < this.maxKeys) return 0;
    }
    let evicted = 0;
    // Two turns of the hand always find a victim: the first clears every reference bit.
    for (let guard = 2 * this.index.size + 1; this.index.size >= this.maxKeys && guard > 0; guard--) {
      const item = this.next();
      if (item === undefined) break;
      const [key, slot] = item;
      if ((this.table.expiresAt[slot] as number) <= now) {
        this.drop(key, slot);
      } else if (this.table.referenced[slot] === 1) {
        this.table.referenced[slot] = 0;
      } else {
        this.drop(key, slot);
        evicted++;
      }
    }
    return evicted;
  }
}
