export * from './algorithms/index.js';
export { type Decision, type DecisionReason, decidingIndex, type RuleDecision, toDecision } from './decision.js';
export { type Duration, MAX_DURATION_MS, parseDuration } from './duration.js';
export {
  describeValue,
  invalidConfig,
  isRateLimitError,
  RateLimitError,
  type RateLimitErrorCode,
} from './errors.js';
export { type Evaluation, evaluateConsume, evaluatePeek, type StateWrite } from './evaluate.js';
export {
  buildKey,
  checkPrefix,
  encodeIdentifier,
  idBudget,
  joinKey,
  type KeyParts,
  keyScope,
  MAX_KEY_BYTES,
  splitKey,
} from './keys/build-key.js';
export { base64url, hashString } from './keys/hash.js';
export { createLimiter, type Limiter, type LimitOptions } from './limiter/create-limiter.js';
export { type LimiterOptions, resolveLimiterOptions } from './limiter/options.js';
export { storeCall, toStoreFailure } from './limiter/store-call.js';
export {
  type Admission,
  type CircuitBreaker,
  type CircuitState,
  createCircuitBreaker,
} from './policy/circuit-breaker.js';
export {
  type CircuitClosedEvent,
  type CircuitOpenEvent,
  createEmitter,
  type EventEmitter,
  type FallbackEnteredEvent,
  type RateLimitEvent,
  type RateLimitEventListener,
  type RecoveredEvent,
  type StoreErrorEvent,
} from './policy/events.js';
export {
  FAILURE_POLICIES,
  type FailureOptions,
  type FailurePolicy,
  type FallbackOptions,
  type ResolvedFailure,
} from './policy/failure-options.js';
export { type FallbackLimit, withLimit } from './policy/fallback-rules.js';
export {
  type BreakerOptions,
  DEFAULT_BREAKER_COOLDOWN_MS,
  DEFAULT_BREAKER_FAILURES,
  DEFAULT_STORE_TIMEOUT_MS,
  type GuardOptions,
  type ResolvedGuardOptions,
} from './policy/guard-options.js';
export { type GuardedStore, guardStore, isGuardedStore } from './policy/guard-store.js';
export type { HealthError, HealthStatus, LimiterHealth, StoreHealth } from './policy/health.js';
export { isStoreFailure } from './policy/store-failure.js';
export {
  type ConcurrencyOptions,
  concurrency,
  defineRule,
  fixedWindow,
  gcra,
  MAX_LIMIT,
  type RuleInput,
  slidingLog,
  slidingWindow,
  type TokenBucketOptions,
  tokenBucket,
  type WindowRuleOptions,
} from './rules/define.js';
export { ALGORITHMS, type Algorithm, type Rule, type RuleResult } from './rules/types.js';
export {
  type ClockSource,
  type ConsumeRequest,
  type ConsumeResponse,
  type PeekRequest,
  type RefundRequest,
  type ReleaseRequest,
  type Store,
  type StoreCapabilities,
  type StoreCheck,
  SYNC_CONSUME,
  type SyncConsumer,
  syncConsumer,
} from './store.js';
