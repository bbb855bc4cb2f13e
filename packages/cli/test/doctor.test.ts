import { SCRIPTS } from '@rl-internal/redis-scripts';
import { findFreePort, type RedisServer, startRedis } from '@rl-internal/test-redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DoctorReport } from '../src/index.js';
import { buildCli, type CliRun } from './run-cli.js';

let cli: Awaited<ReturnType<typeof buildCli>>;
let healthy: RedisServer;
let evicting: RedisServer;
let restricted: RedisServer;

beforeAll(async () => {
  [cli, healthy, evicting, restricted] = await Promise.all([
    buildCli(),
    startRedis(),
    startRedis({ args: ['--maxmemory', '64mb', '--maxmemory-policy', 'allkeys-lru'] }),
    // An ACL user that may do everything except EVALSHA.
    startRedis({ args: ['--user', 'app', 'on', '>app-secret', '~*', '&*', '+@all', '-evalsha'] }),
  ]);
});
afterAll(async () => {
  await Promise.all([cli?.dispose(), healthy?.stop(), evicting?.stop(), restricted?.stop()]);
});

const json = (run: CliRun): DoctorReport => JSON.parse(run.stdout) as DoctorReport;
const statusOf = (report: DoctorReport, id: string) => report.checks.find((c) => c.id === id)?.status;

describe('rl doctor against real redis-servers', () => {
  it('passes every check on a healthy Redis and reports version, mode and round trips', async () => {
    const run = await cli.run(['doctor', '--json'], { REDIS_URL: `redis://127.0.0.1:${healthy.port}` });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    const report = json(run);
    expect(report).toMatchObject({ ok: true, backend: 'redis', summary: { fail: 0, warn: 0 } });
    expect(report.checks.map((c) => c.id)).toEqual([
      'environment',
      'connection',
      'ping',
      'server',
      'scripts',
      'round-trip',
      'maxmemory-policy',
      'acl',
    ]);
    expect(report.checks.find((c) => c.id === 'server')?.message).toMatch(/^Redis \d+\.\d+\.\d+, standalone$/);
    expect(report.checks.find((c) => c.id === 'round-trip')?.data).toMatchObject({ samples: 5, timeoutMs: 200 });
    expect(report.checks.find((c) => c.id === 'scripts')?.data).toEqual({
      sha1: Object.fromEntries(Object.values(SCRIPTS).map((s) => [s.name, s.sha1])),
    });
    expect(await healthy.cli('SCRIPT', 'EXISTS', SCRIPTS.consume.sha1)).toBe('1');
  });

  it('prints a human report by default', async () => {
    const run = await cli.run(['doctor'], { REDIS_HOST: '127.0.0.1', REDIS_PORT: String(healthy.port) });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^rl doctor \(@rl\/cli \d+\.\d+\.\d+\)/);
    expect(run.stdout).toMatch(/✔ environment +Redis over TCP: REDIS_HOST is set/);
    expect(run.stdout).toMatch(/✔ ping +PING [\d.]+ ms \(median of 5\)/);
    expect(run.stdout).toMatch(/\nOK \(0 failures, 0 warnings\)\n$/);
  });

  it('warns when maxmemory-policy can evict counters, and fails on it with --strict', async () => {
    const env = { REDIS_URL: `redis://127.0.0.1:${evicting.port}` };
    const run = await cli.run(['doctor', '--json'], env);
    expect(run.status).toBe(0);
    const report = json(run);
    expect(statusOf(report, 'maxmemory-policy')).toBe('warn');
    expect(report.checks.find((c) => c.id === 'maxmemory-policy')?.message).toMatch(/^allkeys-lru: .*evict/);
    expect((await cli.run(['doctor', '--strict'], env)).status).toBe(1);
  });

  it('fails when the ACL user may not run EVALSHA, naming what to grant — never printing the password', async () => {
    const run = await cli.run(['doctor', '--json'], {
      REDIS_URL: `redis://app:app-secret@127.0.0.1:${restricted.port}`,
    });
    expect(run.status).toBe(1);
    const report = json(run);
    expect(statusOf(report, 'connection')).toBe('pass');
    expect(statusOf(report, 'acl')).toBe('fail');
    expect(report.checks.find((c) => c.id === 'acl')?.message).toMatch(/user "app" is refused EVALSHA.*\+evalsha/);
    expect(report.target).toBe(`Redis at redis://app:***@127.0.0.1:${restricted.port}`);
    expect(run.stdout).not.toContain('app-secret');
  });

  it('fails when Redis is unreachable', async () => {
    const port = await findFreePort();
    const run = await cli.run(['doctor'], { REDIS_URL: `redis://127.0.0.1:${port}` });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(
      /✖ connection +could not connect to Redis at redis:\/\/127\.0\.0\.1:\d+: .*ECONNREFUSED/,
    );
  });
});

describe('rl doctor without a server', () => {
  it('says memory would be used and why; fails under NODE_ENV=production', async () => {
    const dev = await cli.run(['doctor']);
    expect(dev.status).toBe(0);
    expect(dev.stdout).toMatch(/⚠ environment +in-process memory: none of UPSTASH_REDIS_REST_URL/);
    const prod = await cli.run(['doctor', '--json'], { NODE_ENV: 'production' });
    expect(prod.status).toBe(1);
    expect(json(prod)).toMatchObject({ ok: false, backend: 'memory', summary: { fail: 1 } });
    expect((await cli.run(['doctor'], { NODE_ENV: 'production', REDIS_ENABLED: 'false' })).status).toBe(0);
  });

  it('fails on a malformed variable, naming it', async () => {
    const run = await cli.run(['doctor', '--json'], { REDIS_HOST: 'cache', REDIS_PORT: 'sixty' });
    expect(run.status).toBe(1);
    expect(json(run).checks[0]).toMatchObject({ id: 'environment', status: 'fail', data: { variable: 'REDIS_PORT' } });
  });

  it('exits 2 on bad usage and 0 for --help / --version', async () => {
    expect((await cli.run([])).status).toBe(2);
    expect((await cli.run(['doctr'])).status).toBe(2);
    expect((await cli.run(['doctor', '--bogus'])).status).toBe(2);
    expect((await cli.run(['doctor', '--samples', '0'])).status).toBe(2);
    expect((await cli.run(['--help'])).stdout).toMatch(/^Usage: rl doctor/);
    expect((await cli.run(['--version'])).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});

describe('package metadata', () => {
  it('reports the version in package.json', async () => {
    const { VERSION } = await import('../src/version.js');
    const pkg = (await import('../package.json', { with: { type: 'json' } })).default as { version: string };
    expect(VERSION).toBe(pkg.version);
  });
});
