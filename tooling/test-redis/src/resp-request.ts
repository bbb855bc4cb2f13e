import type { RespValue } from './resp.ts';
import { RespConnection, type RespTarget } from './resp-connection.ts';

/**
 * Opens a connection, sends `commands` (pipelined), resolves with one reply per command, closes.
 * Rejects on connection errors or after `timeoutMs`. Used for readiness checks and small admin
 * commands so the library itself needs no Redis client.
 *
 * @example
 * ```ts
 * const [pong, info] = await respRequest(server, [['PING'], ['INFO', 'server']]);
 * ```
 */
export async function respRequest(
  target: RespTarget,
  commands: readonly (readonly string[])[],
  timeoutMs = 2_000,
): Promise<RespValue[]> {
  const connection = await RespConnection.open(target, { connectTimeoutMs: timeoutMs });
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      connection.send(commands),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no reply from ${target.host}:${target.port} within ${timeoutMs} ms`)),
          timeoutMs,
        );
      }),
    ]);
  } finally {
    clearTimeout(timer);
    connection.close();
  }
}
