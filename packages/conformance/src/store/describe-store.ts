import { describe, it } from 'vitest';
import { atomicity } from './atomicity.js';
import { concurrencyLeases } from './concurrency-leases.js';
import { contractShape } from './contract.js';
import { differential } from './differential.js';
import { garbageCollection } from './garbage-collection.js';
import { useHarness } from './harness.js';
import { hostileIdentifiers } from './hostile-identifiers.js';
import { isolation } from './isolation.js';
import { multiRule } from './multi-rule.js';
import type { DescribeStoreOptions, StoreFactory, StoreGroup } from './options.js';
import { peekResetRefund } from './peek-reset-refund.js';
import { rateSemantics } from './semantics-rates.js';
import { windowSemantics } from './semantics-windows.js';

/**
 * Registers the whole store conformance suite with vitest. A store passes when it decides exactly
 * as the reference model on every group.
 *
 * @example
 * import { describeStore } from '@rl/conformance'
 * import { memoryStore } from '@rl/memory'
 *
 * describeStore('memory', () => memoryStore())
 */
export function describeStore(name: string, factory: StoreFactory, options: DescribeStoreOptions = {}): void {
  const timeout = options.timeout ?? 60_000;
  describe(`store conformance: ${name}`, { timeout }, () => {
    const setup = useHarness(factory);
    const group = (id: StoreGroup, body: () => void) => {
      if (options.only !== undefined && !options.only.includes(id)) return;
      const reason = options.skip?.[id];
      if (reason === undefined) {
        body();
        return;
      }
      describe(id, () => {
        // A skipped group stays visible in the report, with its reason.
        it.skip(`skipped: ${reason}`, () => undefined);
      });
    };
    group('contract', () => contractShape(setup));
    group('semantics', () => {
      windowSemantics(setup);
      rateSemantics(setup);
    });
    group('multi-rule', () => multiRule(setup));
    group('isolation', () => isolation(setup));
    group('peek-reset-refund', () => peekResetRefund(setup));
    group('concurrency', () => concurrencyLeases(setup));
    group('atomicity', () => atomicity(setup, options.parallelCalls ?? 200));
    group('hostile-identifiers', () => hostileIdentifiers(setup));
    group('differential', () => differential(setup, options.numRuns ?? 1000, timeout));
    const inspect = options.inspect;
    group('garbage-collection', () => {
      if (inspect) {
        garbageCollection(setup, inspect);
        return;
      }
      describe('garbage-collection', () => {
        it.skip('skipped: the store gave no `inspect` back door to read its raw storage', () => undefined);
      });
    });
  });
}
