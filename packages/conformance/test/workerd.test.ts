import { startWorker } from '@rl-internal/workerd';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

type Check = { name: string; ok: boolean; detail?: string };

describe('inside workerd: @rl/core, @rl/memory and the reference model', () => {
  let checks: Check[] = [];
  let dispose: () => Promise<void> = async () => undefined;

  beforeAll(async () => {
    const worker = await startWorker({ entry: new URL('./fixtures/edge-checks.worker.ts', import.meta.url).pathname });
    dispose = worker.dispose;
    checks = (await (await worker.fetch('/')).json()) as Check[];
  });
  afterAll(() => dispose());

  it('ran every check', () => {
    expect(checks.length).toBeGreaterThanOrEqual(16);
  });

  for (const name of [
    'differential fixed-window',
    'differential sliding-window',
    'differential sliding-log',
    'differential token-bucket',
    'differential gcra',
    'differential concurrency',
    'atomicity fixed-window',
    'atomicity concurrency',
    'keys hash lone surrogates',
    'keys stay readable',
    'invalid config throws',
    'lease ids from Web Crypto',
  ]) {
    it(name, () => {
      const check = checks.find((c) => c.name === name);
      expect(check, `check "${name}" did not run`).toBeDefined();
      expect(check?.ok, check?.detail).toBe(true);
    });
  }
});
