import { type Algorithm, type AlgorithmState, createRegisters, KERNELS, type NumericKernel } from '@rl/core';
import { type SlotTable, WORDS_PER_SLOT } from './slot-table.js';

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

/** A numeric algorithm's state words `s0`–`s2` are the first three of its slot's words. */
function numericCodec(kernel: NumericKernel<AlgorithmState>): StateCodec {
  const r = createRegisters();
  return {
    read: (t, s) => {
      const at = s * WORDS_PER_SLOT;
      r.present = true;
      r.s0 = t.words[at] as number;
      r.s1 = t.words[at + 1] as number;
      r.s2 = t.words[at + 2] as number;
      return kernel.save(r);
    },
    write: (t, s, state) => {
      const at = s * WORDS_PER_SLOT;
      kernel.load(r, state);
      t.words[at] = r.s0;
      t.words[at + 1] = r.s1;
      t.words[at + 2] = r.s2;
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
