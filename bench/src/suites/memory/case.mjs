// Child process: node case.mjs <subject> <case> [durationMs] — prints one JSON line.
import { heapBytesPerKey, opsPerSecond } from '../../lib/measure.mjs';
import { SUBJECTS } from './subjects.mjs';

const [subjectName, caseName, durationArg] = process.argv.slice(2);
const durationMs = Number(durationArg ?? 1000);
const make = SUBJECTS[subjectName];
if (!make) throw new Error(`unknown subject ${subjectName}`);

async function run() {
  switch (caseName) {
    case 'hot-allowed': {
      const s = make(1e9);
      return { value: await opsPerSecond(() => s.hit('203.0.113.7'), { durationMs }), s };
    }
    case 'hot-denied': {
      const s = make(1);
      await s.hit('203.0.113.7');
      if (await s.hit('203.0.113.7')) throw new Error(`${subjectName} did not deny`);
      return { value: await opsPerSecond(() => s.hit('203.0.113.7'), { durationMs }), s };
    }
    case 'keys-100k': {
      const s = make(1e9);
      const keys = Array.from({ length: 100_000 }, (_, i) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
      for (const key of keys) await s.hit(key);
      return { value: await opsPerSecond((i) => s.hit(keys[(i * 7919) % 100_000]), { durationMs }), s };
    }
    case 'new-keys': {
      const s = make(1e9);
      return { value: await opsPerSecond((i) => s.hit(`user-${i}`), { durationMs }), s };
    }
    case 'heap-per-key': {
      const s = make(1e9);
      const keys = 1_000_000;
      return {
        value: await heapBytesPerKey((i) => s.hit(`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`), keys),
        s,
      };
    }
    default:
      throw new Error(`unknown case ${caseName}`);
  }
}

const { value, s } = await run();
s.close?.();
console.log(JSON.stringify({ subject: subjectName, case: caseName, value }));
process.exit(0);
