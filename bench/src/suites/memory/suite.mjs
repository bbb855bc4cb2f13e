import { PEERS } from './subjects.mjs';

const CHECKS = [
  ['hot-allowed', 'one hot key allowed'],
  ['hot-denied', 'one hot key denied'],
  ['keys-100k', '100k keys'],
  ['new-keys', 'new-key inserts'],
];

/** The memory suite: in-process stores, one fixed window per key. */
export const memorySuite = {
  name: 'memory',
  description: 'In-process stores, one fixed window of 60 s per key, `limit(key)` awaited in a loop.',
  script: new URL('./case.mjs', import.meta.url).pathname,
  ours: 'rl',
  peers: PEERS,
  cases: [
    { name: 'hot-allowed', unit: 'checks/s', higherIsBetter: true },
    { name: 'hot-denied', unit: 'checks/s', higherIsBetter: true },
    { name: 'keys-100k', unit: 'checks/s', higherIsBetter: true },
    { name: 'new-keys', unit: 'checks/s', higherIsBetter: true },
    { name: 'heap-per-key', unit: 'bytes/key', higherIsBetter: false },
  ],
  targets: [
    ...CHECKS.map(([name, label]) => ({
      label: `${label}: ≥ 1.0× the best peer`,
      case: name,
      vs: 'best-peer',
      min: 1,
    })),
    { label: 'heap per key at 1M keys: ≥ 1.0× the best peer', case: 'heap-per-key', vs: 'best-peer', min: 1 },
    {
      label: 'deny path ≥ 0.95× our allow path',
      case: 'hot-denied',
      vs: { case: 'hot-allowed', subject: 'rl' },
      min: 0.95,
    },
    { label: 'heap per key at 1M keys ≤ 130 B', case: 'heap-per-key', max: 130 },
  ],
};
