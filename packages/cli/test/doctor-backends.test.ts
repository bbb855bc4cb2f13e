import { SCRIPTS } from '@rl-internal/redis-scripts';
import { type RedisCluster, type RedisServer, startCluster, startRedis } from '@rl-internal/test-redis';
import { startUpstashGateway, type UpstashGateway } from '@rl-internal/upstash-gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DoctorReport } from '../src/index.js';
import { buildCli } from './run-cli.js';

let cli: Awaited<ReturnType<typeof buildCli>>;
let server: RedisServer;
let gateway: UpstashGateway;
let cluster: RedisCluster;

beforeAll(async () => {
  [cli, server, cluster] = await Promise.all([buildCli(), startRedis(), startCluster({ masters: 3 })]);
  gateway = await startUpstashGateway({ redisUrl: server.url, token: 'doctor-token' });
});
afterAll(async () => {
  await gateway?.close();
  await Promise.all([cli?.dispose(), server?.stop(), cluster?.stop()]);
});

describe('rl doctor on other backends', () => {
  it('checks Upstash over REST (a local Upstash-compatible gateway), never printing the token', async () => {
    const run = await cli.run(['doctor', '--json'], {
      UPSTASH_REDIS_REST_URL: gateway.url,
      UPSTASH_REDIS_REST_TOKEN: gateway.token,
    });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as DoctorReport;
    expect(report).toMatchObject({ ok: true, backend: 'upstash', target: `Upstash REST at ${gateway.url}` });
    expect(report.checks.find((c) => c.id === 'scripts')?.status).toBe('pass');
    expect(report.checks.find((c) => c.id === 'round-trip')?.data).toMatchObject({ timeoutMs: 1000 });
    expect(run.stdout).not.toContain(gateway.token);
  });

  it('fails on a wrong Upstash token', async () => {
    const run = await cli.run(['doctor'], { UPSTASH_REDIS_REST_URL: gateway.url, UPSTASH_REDIS_REST_TOKEN: 'wrong' });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/✖ connection +could not connect to Upstash REST at .*WRONGPASS/);
  });

  it('reports cluster mode and loads the scripts on every master', async () => {
    const seed = cluster.nodes[0] as { host: string; port: number };
    const run = await cli.run(['doctor', '--json'], { REDIS_URL: `redis://${seed.host}:${seed.port}` });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as DoctorReport;
    expect(report.checks.find((c) => c.id === 'server')?.message).toMatch(/, cluster \(3 masters\)$/);
    expect(report.checks.find((c) => c.id === 'scripts')?.message).toBe('4 scripts loaded (cluster (3 masters))');
    for (const node of cluster.servers) expect(await node.cli('SCRIPT', 'EXISTS', SCRIPTS.peek.sha1)).toBe('1');
  });
});
