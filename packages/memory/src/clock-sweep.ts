import type { KeyIndex } from './key-index.js';
import type { SlotTable } from './slot-table.js';

/**
 * Keeps the key index bounded without per-key timers:
 * - `sweep` looks at a few keys per call (resuming where it stopped) and drops the expired ones, so
 *   memory follows live keys even when keys are never read again;
 * - `makeRoom` makes space when the index is full: all expired keys first (a full sweep, at most once
 *   per maxKeys/8 inserts into a full index, so inserts stay amortised O(1)), then, by the CLOCK
 *   (second-chance) approximation of least-recently-used, a key not used since the hand last passed
 *   it. A hit only sets a bit, so the hot path never reorders the index.
 */
export class ClockSweep {
  private fullInserts = Number.POSITIVE_INFINITY;

  constructor(
    private readonly index: KeyIndex,
    private readonly table: SlotTable,
    private readonly maxKeys: number,
    private readonly sweepBatch: number,
  ) {}

  private drop(scope: string, id: string, slot: number): void {
    this.index.delete(scope, id);
    this.table.release(slot);
  }

  /** Drops the expired keys among the next `sweepBatch`. */
  sweep(now: number): void {
    const count = Math.min(this.sweepBatch, this.index.size);
    for (let i = 0; i < count; i++) {
      const entry = this.index.next();
      if (entry === undefined) return;
      if (this.table.expiresAt(entry.slot) <= now) this.drop(entry.scope, entry.id, entry.slot);
    }
  }

  private sweepAll(now: number): void {
    this.index.forEach((scope, id, slot) => {
      if (this.table.expiresAt(slot) <= now) this.drop(scope, id, slot);
    });
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
      const entry = this.index.next();
      if (entry === undefined) break;
      if (this.table.expiresAt(entry.slot) <= now) {
        this.drop(entry.scope, entry.id, entry.slot);
      } else if (!this.table.unreference(entry.slot)) {
        this.drop(entry.scope, entry.id, entry.slot);
        evicted++;
      }
    }
    return evicted;
  }
}
