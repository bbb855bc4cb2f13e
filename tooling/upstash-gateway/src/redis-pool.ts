import { RespConnection, type RespTarget, type RespValue } from '@rl-internal/test-redis';

/** Where the gateway's Redis is: a `redis://` URL, or a port (and host) on loopback. */
export interface RedisLocation {
  /** `redis://[user:password@]host:port[/db]`. */
  redisUrl?: string;
  /** Port of a redis-server on `redisHost` (default 127.0.0.1). */
  redisPort?: number;
  redisHost?: string;
}

/** Resolves {@link RedisLocation} into connection details; throws naming the bad option. */
export function resolveRedisTarget(location: RedisLocation): RespTarget {
  if (location.redisUrl !== undefined) {
    let url: URL;
    try {
      url = new URL(location.redisUrl);
    } catch {
      throw new Error(`startUpstashGateway: redisUrl is not a URL: ${JSON.stringify(location.redisUrl)}`);
    }
    if (url.protocol !== 'redis:') {
      throw new Error(
        `startUpstashGateway: redisUrl must start with redis://, got ${JSON.stringify(location.redisUrl)}`,
      );
    }
    const db = url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0;
    return {
      host: url.hostname.replace(/^\[|\]$/g, ''),
      port: url.port ? Number(url.port) : 6379,
      username: url.username ? decodeURIComponent(url.username) : undefined,
      password: url.password ? decodeURIComponent(url.password) : undefined,
      db: Number.isInteger(db) ? db : 0,
    };
  }
  if (location.redisPort !== undefined) {
    if (!Number.isInteger(location.redisPort) || location.redisPort <= 0 || location.redisPort > 65535) {
      throw new Error(`startUpstashGateway: redisPort must be a TCP port, got ${location.redisPort}`);
    }
    return { host: location.redisHost ?? '127.0.0.1', port: location.redisPort };
  }
  throw new Error('startUpstashGateway: pass redisUrl or redisPort');
}

/**
 * Persistent RESP connections to one Redis, one per in-flight HTTP request (so a MULTI...EXEC
 * block never interleaves with another request). A connection that failed is dropped; the next
 * request opens a new one, so the gateway survives Redis restarts.
 */
export class RedisPool {
  private readonly idle: RespConnection[] = [];
  private closed = false;

  constructor(
    private readonly target: RespTarget,
    private readonly maxIdle = 16,
  ) {}

  /** Sends `commands` on one connection (pipelined) and resolves with their replies. */
  async run(commands: readonly (readonly string[])[]): Promise<RespValue[]> {
    if (this.closed) throw new Error('the gateway is closed');
    let connection = this.idle.pop();
    while (connection?.closed) connection = this.idle.pop();
    connection ??= await RespConnection.open(this.target, { buffers: true });
    try {
      const replies = await connection.send(commands);
      if (!this.closed && this.idle.length < this.maxIdle) this.idle.push(connection);
      else connection.close();
      return replies;
    } catch (error) {
      connection.close();
      throw error;
    }
  }

  /** Closes idle connections; in-flight ones close when their request ends. */
  close(): void {
    this.closed = true;
    for (const connection of this.idle.splice(0)) connection.close();
  }
}
