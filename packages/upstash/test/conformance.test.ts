import { describeStore } from '@rl/conformance';
import type { Store } from '@rl/core';
import { upstashStore } from '../src/index.js';
import { redisInspector, useUpstash } from './helpers/upstash-fixture.js';

// The suite drives a virtual clock (clock: "caller") that stands still while real time passes, so
// keys get an hour of slack: none can expire in Redis before its virtual time is up. The inspector
// takes that slack (and the real time since the write) back off, so the garbage-collection group
// still checks each PEXPIRE to the millisecond.
const SLACK_MS = 3_600_000;

const fixture = useUpstash();
let writtenAt: number | undefined;

/** The store, noting when each write call was acknowledged (for the inspector). */
function tracked(store: Store): Store {
  return {
    ...store,
    consume: (request) =>
      store.consume(request).finally(() => {
        writtenAt = Date.now();
      }),
  };
}

describeStore(
  'upstash',
  () => tracked(upstashStore({ client: fixture.client(), skewToleranceMs: SLACK_MS, timeoutMs: 30_000 })),
  { inspect: redisInspector(fixture, SLACK_MS, () => writtenAt) },
);
