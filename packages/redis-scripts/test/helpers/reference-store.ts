import {
  type AlgorithmState,
  type ConcurrencyState,
  type ConsumeRequest,
  type ConsumeResponse,
  concurrencyModel,
  evaluateConsume,
  evaluatePeek,
  MODELS,
  type PeekRequest,
  type RefundRequest,
  type ReleaseRequest,
} from '@rl/core';

interface Entry {
  state: AlgorithmState;
  expiresAt: number;
}

/**
 * The core's reference semantics over a plain Map: evaluateConsume / evaluatePeek and the models,
 * with expiry as pure garbage collection (a state read at or after its expiresAt is absent and
 * forgotten, a write whose expiresAt has passed deletes) — what the Lua scripts must mirror.
 */
export class ReferenceStore {
  readonly entries = new Map<string, Entry>();

  private read(key: string, now: number, forget: boolean): AlgorithmState | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= now) {
      if (forget) this.entries.delete(key);
      return undefined;
    }
    return entry.state;
  }

  private write(key: string, state: AlgorithmState | undefined, expiresAt: number, now: number): void {
    if (state === undefined || expiresAt <= now) this.entries.delete(key);
    else this.entries.set(key, { state, expiresAt });
  }

  consume(request: ConsumeRequest & { now: number }): ConsumeResponse {
    const { now } = request;
    const evaluation = evaluateConsume(
      (key) => this.read(key, now, true),
      request.checks,
      request.cost,
      now,
      request.leaseId,
    );
    for (const change of evaluation.writes) this.write(change.key, change.state, change.expiresAt, now);
    return { allowed: evaluation.allowed, now, results: evaluation.results };
  }

  peek(request: PeekRequest & { now: number }): ConsumeResponse {
    const { now } = request;
    return { ...evaluatePeek((key) => this.read(key, now, false), request.checks, now), now };
  }

  refund(request: RefundRequest & { now: number }): void {
    const { now } = request;
    for (const { key, rule } of request.checks) {
      const model = MODELS[rule.algorithm];
      const state = model.refund(this.read(key, now, true), rule, request.cost, now, request.consumedAt);
      this.write(key, state, state === undefined ? now : model.expiresAt(state, rule), now);
    }
  }

  release(request: ReleaseRequest & { now: number }): boolean {
    const { now } = request;
    let released = false;
    for (const { key, rule } of request.checks) {
      if (rule.algorithm !== 'concurrency') continue;
      const state = this.read(key, now, true) as ConcurrencyState | undefined;
      const outcome = concurrencyModel.release(state, request.leaseId, now);
      released = outcome.released || released;
      this.write(key, outcome.state, concurrencyModel.expiresAt(outcome.state, rule), now);
    }
    return released;
  }

  reset(keys: readonly string[]): void {
    for (const key of keys) this.entries.delete(key);
  }
}
