import { tsImport } from 'tsx/esm/api';

// The workspace's test helpers are TypeScript sources (never built); tsx loads them in this
// process only. Subjects run in plain `node` children and import the published packages' dist.

/** A real redis-server on a free loopback port (never 6379), from @rl-internal/test-redis. */
export async function startRedisServer() {
  const { startRedis } = await tsImport('@rl-internal/test-redis', import.meta.url);
  return startRedis();
}

/** The local Upstash REST gateway (@rl-internal/upstash-gateway) in front of `server`. */
export async function startGateway(server) {
  const { startUpstashGateway } = await tsImport('@rl-internal/upstash-gateway', import.meta.url);
  return startUpstashGateway({ redisPort: server.port, token: 'bench-token' });
}
