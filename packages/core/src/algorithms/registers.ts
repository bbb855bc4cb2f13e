import type { Rule } from '../rules/types.js';
import type { AlgorithmModel, Transition } from './types.js';

/**
 * A reusable set of numbers that the numeric algorithms (fixed window, sliding window, token bucket,
 * GCRA) compute in, so a store that keeps state in numbers (typed-array columns, a Lua table) can run
 * a transition without allocating. The object models are thin wrappers over these kernels: there is
 * one implementation of each algorithm's arithmetic.
 *
 * In: `present` and the state words `s0`–`s2`. Out: the rule's result and, in `s0`–`s2`, the state
 * after the call (the state as seen at `now` when denied: nothing needs to be written then).
 */
export interface Registers {
  present: boolean;
  s0: number;
  s1: number;
  s2: number;
  allowed: boolean;
  remaining: number;
  resetAt: number;
  retryAfterMs: number;
}

/** One numeric algorithm as an allocation-free step over {@link Registers}. */
export interface NumericKernel<S> {
  /** Charges `cost` units at `now`: reads the state registers, writes the result and the next state. */
  step(r: Registers, rule: Rule, cost: number, now: number): void;
  /** When the state in the registers can be forgotten without changing any future decision. */
  expiresAt(r: Registers, rule: Rule): number;
  /** Loads a state object into the registers (`undefined`: no state). */
  load(r: Registers, state: S | undefined): void;
  /** The state object the registers hold. */
  save(r: Registers): S;
}

/** Fresh registers (one set per store is enough: a step never yields). */
export function createRegisters(): Registers {
  return { present: false, s0: 0, s1: 0, s2: 0, allowed: false, remaining: 0, resetAt: 0, retryAfterMs: 0 };
}

/**
 * The pure object model of a numeric kernel: `consume` and `expiresAt` run the kernel on private
 * registers; `refund` (rare, and specific to each algorithm) is given as it is.
 */
export function objectModel<S>(
  kernel: NumericKernel<S>,
  refund: AlgorithmModel<S>['refund'],
): AlgorithmModel<S> & { readonly kernel: NumericKernel<S> } {
  const r = createRegisters();
  return {
    kernel,
    consume(state, rule, cost, now): Transition<S> {
      kernel.load(r, state);
      kernel.step(r, rule, cost, now);
      const { allowed, remaining, resetAt, retryAfterMs } = r;
      return {
        state: allowed || state === undefined ? kernel.save(r) : state,
        result: { allowed, remaining, resetAt, retryAfterMs },
      };
    },
    refund,
    expiresAt(state, rule) {
      kernel.load(r, state);
      return kernel.expiresAt(r, rule);
    },
  };
}
