import { type Decision, decidingIndex, type Limiter, type RuleDecision } from '@rl/core';

/** One limit of a route, ready to charge: its limiter, the request's identifier under it, its name. */
export interface LimitCharge {
  readonly limiter: Limiter;
  readonly identifier: string;
  /** Qualifies rule names in the merged Decision (`<name>.<rule>`); undefined for a route's only limit. */
  readonly name: string | undefined;
}

/** What charging a route's limits came to. */
export interface Charged {
  /** The Decision for the request (several limits merged; one limit's as it is). */
  readonly decision: Decision;
  /** Gives back everything this request was charged (for skipSuccessfulRequests / skipFailedRequests). */
  refund(): Promise<void>;
}

type Admitted = { readonly part: LimitCharge; readonly decision: Decision };

const ORDER: Record<string, number> = { store_unavailable: 2, fallback: 1 };

function qualify(decision: Decision, name: string | undefined): Decision {
  if (name === undefined) return decision;
  const rules = decision.rules.map((rule): RuleDecision => ({ ...rule, name: `${name}.${rule.name}` }));
  return { ...decision, rule: `${name}.${decision.rule}`, rules };
}

/** Admitted limits as one Decision: the deciding one has the least left; the rules of all, qualified. */
function merge(admitted: readonly Admitted[]): Decision {
  if (admitted.length === 1) return qualify((admitted[0] as Admitted).decision, (admitted[0] as Admitted).part.name);
  const decisions = admitted.map(({ part, decision }) => qualify(decision, part.name));
  const deciding = decisions[decidingIndex(decisions, true)] as Decision;
  const reason = decisions.reduce<Decision['reason']>(
    (worst, d) => ((ORDER[d.reason] ?? 0) > (ORDER[worst] ?? 0) ? d.reason : worst),
    'ok',
  );
  const error = decisions.find((d) => d.error !== undefined)?.error;
  return {
    ...deciding,
    reason,
    rules: decisions.flatMap((d) => d.rules),
    ...(error === undefined ? {} : { error }),
  };
}

/** Refunds every admitted charge; a failure goes to `onError`, the others still run. */
async function refundAll(admitted: readonly Admitted[], onError: (error: unknown) => void): Promise<void> {
  await Promise.all(
    admitted.map(async ({ part, decision }) => {
      try {
        await part.limiter.refund(part.identifier, decision);
      } catch (error) {
        onError(error);
      }
    }),
  );
}

const ONE: { readonly cost: number } = Object.freeze({ cost: 1 });
const nothing = (): Promise<void> => Promise.resolve();

/** A route's only limit: no walk, no merge. */
async function chargeOne(part: LimitCharge, cost: number, onRefundError: (error: unknown) => void): Promise<Charged> {
  const decision = await part.limiter.limit(part.identifier, cost === 1 ? ONE : { cost });
  if (!decision.allowed) return { decision: qualify(decision, part.name), refund: nothing };
  return {
    decision: qualify(decision, part.name),
    refund: () => refundAll([{ part, decision }], onRefundError),
  };
}

/**
 * Charges a route's limits one after the other, each atomically for its own identifier (each lives
 * in its own Redis Cluster hash tag, so one script cannot cover them all). The first refusal stops
 * the walk and the limits charged before it are refunded, so a refused request consumes nothing and
 * an admitted one was admitted by every limit. Between the charge and the refund a concurrent
 * request may see the earlier limit one unit fuller: it can be refused early, never admitted late.
 *
 * @example
 * const { decision } = await chargeLimits([{ limiter: byIp, identifier: ip, name: 'ip' }, { limiter: byAccount, identifier: account, name: 'account' }], 1, report)
 */
export function chargeLimits(
  parts: readonly LimitCharge[],
  cost: number,
  onRefundError: (error: unknown) => void,
): Promise<Charged> {
  if (parts.length === 1) return chargeOne(parts[0] as LimitCharge, cost, onRefundError);
  return chargeEach(parts, cost, onRefundError);
}

/** Several limits, in order: the first refusal stops the walk and refunds the ones before it. */
async function chargeEach(
  parts: readonly LimitCharge[],
  cost: number,
  onRefundError: (error: unknown) => void,
): Promise<Charged> {
  const options = cost === 1 ? ONE : { cost };
  const admitted: Admitted[] = [];
  for (const part of parts) {
    let decision: Decision;
    try {
      decision = await part.limiter.limit(part.identifier, options);
    } catch (error) {
      await refundAll(admitted, onRefundError);
      throw error;
    }
    if (!decision.allowed) {
      await refundAll(admitted, onRefundError);
      return { decision: qualify(decision, part.name), refund: nothing };
    }
    admitted.push({ part, decision });
  }
  return { decision: merge(admitted), refund: () => refundAll(admitted, onRefundError) };
}
