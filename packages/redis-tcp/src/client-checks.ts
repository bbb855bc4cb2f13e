import type { Cluster, Redis } from 'ioredis';

/** The settings of an ioredis client that decide how it behaves when Redis is slow or gone. */
export interface ClientSettings {
  commandTimeout: number | undefined;
  /** Settings under which a script whose reply was lost may be sent again (double counting). */
  resendRisks: string[];
  offlineQueue: boolean;
}

/** Reads the failure-related settings of a `Redis` or `Cluster` client the user created. */
export function readClientSettings(client: Redis | Cluster): ClientSettings {
  const resendRisks: string[] = [];
  if (client.isCluster) {
    const options = (client as Cluster).options;
    const node = options.redisOptions ?? {};
    if ((options.retryDelayOnFailover ?? 100) > 0) resendRisks.push('retryDelayOnFailover > 0');
    if (node.maxRetriesPerRequest !== 0 && node.autoResendUnfulfilledCommands !== false) {
      resendRisks.push('redisOptions.maxRetriesPerRequest ≠ 0 with autoResendUnfulfilledCommands');
    }
    return {
      commandTimeout: node.commandTimeout,
      resendRisks,
      offlineQueue: options.enableOfflineQueue !== false,
    };
  }
  const options = (client as Redis).options;
  if (options.maxRetriesPerRequest !== 0 && options.autoResendUnfulfilledCommands !== false) {
    resendRisks.push('maxRetriesPerRequest ≠ 0 with autoResendUnfulfilledCommands');
  }
  return { commandTimeout: options.commandTimeout, resendRisks, offlineQueue: options.enableOfflineQueue !== false };
}

/** A one-line explanation of what is unsafe about these settings, or undefined when nothing is. */
export function describeRisks(settings: ClientSettings): string | undefined {
  const problems: string[] = [];
  if (settings.resendRisks.length > 0) {
    problems.push(
      `it may resend a script whose reply was lost, counting a request twice (${settings.resendRisks.join('; ')})`,
    );
  }
  if (settings.commandTimeout === undefined) {
    problems.push('it has no commandTimeout (the store applies its own 500 ms deadline)');
  }
  if (problems.length === 0) return undefined;
  return `@rl/redis-tcp: this ioredis client is not set up for rate limiting: ${problems.join('; ')}. Create it with createRedisClient() / createRedisCluster(), or set the options listed in the @rl/redis-tcp README.`;
}
