import type { HealthError, HealthStatus, LimiterHealth } from '@rl/core';
import { type DemoContext, KEY_PREFIX } from '../config/context.ts';

/** What `GET /api/health` reports. */
export interface DemoHealth {
  /** `ok`; `degraded` while serving without the store (fallback or fail-open) or answering slowly; `down` when failing closed. */
  readonly status: HealthStatus;
  readonly server: string;
  readonly instance: string;
  /** `memory`, `redis` or `upstash`. */
  readonly backend: string;
  /** `in-process memory`, `Redis at redis://host:6379`, `Upstash REST at https://…` (no secrets). */
  readonly description: string;
  /** Whether instances share the counts. */
  readonly shared: boolean;
  /** Whether the store answered the probe. */
  readonly connected: boolean;
  readonly latencyMs: number | null;
  /** `fallback`, `fail-open`, `fail-closed`, or `none` (the memory store cannot fail). */
  readonly policy: LimiterHealth['policy'];
  /** True while an in-process limiter stands in for the store (per-instance limits). */
  readonly fallbackActive: boolean;
  readonly circuit: LimiterHealth['circuit'];
  readonly lastError: HealthError | null;
  readonly checkedAt: number;
}

/**
 * The demo's health: one read-only probe of the shared guarded store (never rejects; skipped while
 * its circuit is open), and what requests get meanwhile: every limiter on the store follows one policy. HTTP 200 while serving — even degraded, on the fallback or failing open — and 503 only
 * when the store is down and the policy is fail-closed (every limited request is refused).
 *
 * @example
 * const { status, body } = await healthReport(demo) // 200, { status: 'ok', backend: 'redis', connected: true, ... }
 */
export async function healthReport(demo: DemoContext): Promise<{ status: number; body: DemoHealth }> {
  const probe = await demo.store.health({ prefix: KEY_PREFIX });
  const policy = demo.failure?.policy ?? 'none';
  const connected = probe.status !== 'down';
  const serving = connected || policy === 'fallback' || policy === 'fail-open';
  const status: HealthStatus = connected ? probe.status : serving ? 'degraded' : 'down';
  return {
    status: serving ? 200 : 503,
    body: {
      status,
      server: demo.server,
      instance: demo.instance,
      backend: probe.backend,
      description: demo.store.description,
      shared: probe.shared,
      connected,
      latencyMs: probe.latencyMs,
      policy,
      fallbackActive: !connected && policy === 'fallback',
      circuit: probe.circuit,
      lastError: probe.lastError,
      checkedAt: probe.checkedAt,
    },
  };
}
