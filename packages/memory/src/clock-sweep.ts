import type { IndexEntry, KeyIndex } from './key-index.js';
import type { SlotTable } from './slot-table.js';

/**
 * Keeps the key index bounded without per-key timers:
 * - `sweep` looks at a few keys per call (resuming where it stopped) and drops the expired ones, so
 *   memory follows live keys even when keys are never read again;
 * - `makeRoom` makes space when the index is full: all expired keys first (a full sweep, at most once
 *   per maxKeys/8 inserts into a full index, so inserts stay amortised O(1)), then, by the CLOCK
 *   (second-chance) approximation of least-recently-used, a key not used since the hand last passed
 *   it. A hit only sets a bit, so the hot path never reorders the index.
 *
 * Both look for expired keys only when one can exist: the sweep keeps a lower bound on every held
 * key's expiry (`earliest`), lowered by every expiry written ({@link noteExpiry}) and raised when the
 * hand completes a pass — to the least expiry it kept or saw written during that pass, which every
 * key held at the end was one of — or after a full sweep. While `now` is below it, no key can have
 * expired and looking costs nothing. Fixed windows end together, so after each window's end the hand
 * makes a pass dropping that window's keys, one more that finds nothing ended (the first pass's
 * bound still counts the dropped keys' writes), then rests until the next end.
 */
export class ClockSweep {
  private fullInserts = Number.POSITIVE_INFINITY;
  private earliest = Number.POSITIVE_INFINITY;
  private passLeast = Number.POSITIVE_INFINITY;
  private pass = 0;

  constructor(
    private readonly index: KeyIndex,
    private readonly table: SlotTable,
    private readonly maxKeys: number,
    private readonly sweepBatch: number,
  ) {}

  /** Records that a key now expires at `expiresAt` (every write of an expiry must say so). */
  noteExpiry(expiresAt: number): void {
    if (expiresAt < this.earliest) this.earliest = expiresAt;
    if (expiresAt < this.passLeast) this.passLeast = expiresAt;
  }

  private drop(scope: string, id: string, slot: number): void {
    this.index.delete(scope, id);
    this.table.release(slot);
  }

  /** The entry under the hand, moved on; a completed pass raises the bound to what that pass saw. */
  private advance(): IndexEntry | undefined {
    const entry = this.index.next();
    if (this.index.rounds !== this.pass) {
      this.pass = this.index.rounds;
      this.earliest = this.passLeast;
      this.passLeast = Number.POSITIVE_INFINITY;
    }
    return entry;
  }

  /** Drops the expired keys among the next `sweepBatch`; nothing to do while none can have expired. */
  sweep(now: number): void {
    if (now < this.earliest) return;
    const count = Math.min(this.sweepBatch, this.index.size);
    for (let i = 0; i < count; i++) {
      const entry = this.advance();
      if (entry === undefined) return;
      const expiresAt = this.table.expiresAt(entry.slot);
      if (expiresAt <= now) this.drop(entry.scope, entry.id, entry.slot);
      else if (expiresAt < this.passLeast) this.passLeast = expiresAt;
    }
  }

  private sweepAll(now: number): void {
    let least = Number.POSITIVE_INFINITY;
    this.index.forEach((scope, id, slot) => {
      const expiresAt = this.table.expiresAt(slot);
      if (expiresAt <= now) this.drop(scope, id, slot);
      else if (expiresAt < least) least = expiresAt;
    });
    // Every key held now was seen just above.
    this.earliest = least;
  }

  /** Ensures one more key fits. Returns how many live keys were evicted. */
  makeRoom(now: number): number {
    if (this.index.size < this.maxKeys) return 0;
    this.fullInserts += 1;
    if (this.fullInserts >= Math.max(1, this.maxKeys / 8) && now >= this.earliest) {
      this.fullInserts = 0;
      this.sweepAll(now);
      if (this.index.size < this.maxKeys) return 0;
    }
    let evicted = 0;
    // Two turns of the hand always find a victim: the first clears every reference bit.
    for (let guard = 2 * this.index.size + 1; this.index.size >= this.maxKeys && guard > 0; guard--) {
      const entry = this.advance();
      if (entry === undefined) break;
      const expiresAt = this.table.expiresAt(entry.slot);
      if (expiresAt <= now) {
        this.drop(entry.scope, entry.id, entry.slot);
      } else if (!this.table.unreference(entry.slot)) {
        this.drop(entry.scope, entry.id, entry.slot);
        evicted++;
      } else if (expiresAt < this.passLeast) {
        this.passLeast = expiresAt;
      }
    }
    return evicted;
  }
}
