import { describe, it } from 'vitest';
import type { Case } from './case.js';
import { failureCases } from './cases-failure.js';
import { headerCases } from './cases-headers.js';
import { keyCases } from './cases-keys.js';
import { responseCases } from './cases-responses.js';
import { routeCases } from './cases-routes.js';
import { securityCases } from './cases-security.js';
import { skipCases } from './cases-skips.js';
import { type MakeFetch, useScenarios } from './harness.js';

/** Options of {@link describeAdapter}. */
export interface DescribeAdapterOptions {
  /** Cases (by id) or groups to leave out, each with the reason printed in the report. */
  skip?: Record<string, string>;
  /** Requests of each security flood. Default 1000. */
  volume?: number;
  /** Requests in flight at once in floods. Default 8. */
  parallel?: number;
  /** Per-test timeout in ms. Default 120 000. */
  timeout?: number;
  /**
   * False when the app's handler cannot see the Decision (a Next proxy in front of the route): the
   * handler-side checks are left out, `decision-in-handler` with a printed reason. Default true.
   */
  handlerSeesDecision?: boolean;
}

const GROUPS: readonly [string, (test: Case, volume: number) => void][] = [
  ['responses', responseCases],
  ['headers', headerCases],
  ['routes', routeCases],
  ['keys', keyCases],
  ['skips', skipCases],
  ['failure-policy', failureCases],
  ['security', securityCases],
];

/**
 * Registers the adapter conformance suite: every adapter, wrapped as `(Request) => Promise<Response>`,
 * must give the same statuses, headers, bodies and key behaviour for the same scenarios.
 *
 * @example
 * import { describeAdapter, scenarioOptions } from '@rl/conformance'
 *
 * describeAdapter('express', async (scenario) => {
 *   const app = express()
 *   app.use(rateLimit({ ...scenarioOptions(scenario, (req, name) => req.get(name), memoryStore()), remoteAddress: (req) => req.get('x-test-peer') }))
 *   app.all('*', (req, res) => res.status(Number(req.query.status ?? 200)).set('x-test-info', describeInfo(req.rateLimit)).json({ ok: true }))
 *   return listen(app) // { fetch, close }
 * })
 */
export function describeAdapter(name: string, makeFetch: MakeFetch, options: DescribeAdapterOptions = {}): void {
  const volume = options.volume ?? 1000;
  describe(`adapter conformance: ${name}`, { timeout: options.timeout ?? 120_000 }, () => {
    const sees = options.handlerSeesDecision ?? true;
    const open = useScenarios(makeFetch, options.parallel ?? 8, sees);
    const skip: Record<string, string> = { ...options.skip };
    if (!sees) skip['decision-in-handler'] ??= 'the handler cannot see the Decision (handlerSeesDecision: false)';
    for (const [group, register] of GROUPS) {
      describe(group, () => {
        const groupReason = skip[group];
        if (groupReason !== undefined) {
          it.skip(`skipped: ${groupReason}`, () => undefined);
          return;
        }
        const test: Case = (id, title, body) => {
          const reason = skip[id];
          if (reason === undefined) it(`${id}: ${title}`, () => body(open));
          else it.skip(`${id}: skipped: ${reason}`, () => undefined);
        };
        register(test, volume);
      });
    }
  });
}
