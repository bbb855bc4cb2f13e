import { type Algorithm, type AlgorithmState, createRegisters, KERNELS, type NumericKernel } from '@rl/core';
import type { SlotTable } from './slot-table.js';

/** How one algorithm's state is laid out in a {@link SlotTable} slot. */
export interface StateCodec {
  read(table: SlotTable, slot: number): AlgorithmState;
  write(table: SlotTable, slot: number, state: AlgorithmState): void;
}

/** States that are lists (sliding log, leases) stay objects. */
const objectCodec: StateCodec = {
  read: (table, slot) => table.objects[slot] as AlgorithmState,
  write: (table, slot, state) => {
    table.objects[slot] = state;
  },
};

/** A numeric algorithm's state words `s0`–`s2` live in columns `a`–`c`. */
function numericCodec(kernel: NumericKernel<AlgorithmState>): StateCodec {
  const r = createRegisters();
  return {
    read: (t, s) => {
      r.present = true;
      r.s0 = t.a[s] as number;
      r.s1 = t.b[s] as number;
      r.s2 = t.c[s] as number;
      return kernel.save(r);
    },
    write: (t, s, state) => {
      kernel.load(r, state);
      t.a[s] = r.s0;
      t.b[s] = r.s1;
      t.c[s] = r.s2;
    },
  };
}

const ORDER: readonly Algorithm[] = [
  'fixed-window',
  'sliding-window',
  'token-bucket',
  'gcra',
  'sliding-log',
  'concurrency',
];

/** The codec of each algorithm, and its code (the index in {@link ORDER}). */
export const CODECS: Readonly<Record<Algorithm, { code: number; codec: StateCodec }>> = Object.fromEntries(
  ORDER.map((algorithm, code) => {
    const kernel = KERNELS[algorithm];
    return [algorithm, { code, codec: kernel ? numericCodec(kernel) : objectCodec }];
  }),
) as Record<Algorithm, { code: number; codec: StateCodec }>;
