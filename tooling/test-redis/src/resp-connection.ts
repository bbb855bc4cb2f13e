import { connect, type Socket } from 'node:net';
import { encodeCommand, parseResp, RespError, type RespValue } from './resp.ts';

/** Where and how to reach a Redis process. */
export interface RespTarget {
  host: string;
  port: number;
  /** Sent as `AUTH [username] password` right after connecting. */
  password?: string | undefined;
  username?: string | undefined;
  /** `SELECT`ed right after connecting when not 0. */
  db?: number | undefined;
}

/** Options of {@link RespConnection.open}. */
export interface RespConnectionOptions {
  /** Bulk strings as Buffers (binary-safe). Default false. */
  buffers?: boolean;
  /** Default 2 000 ms. */
  connectTimeoutMs?: number;
}

interface Pending {
  count: number;
  replies: RespValue[];
  resolve: (replies: RespValue[]) => void;
  reject: (error: Error) => void;
}

/**
 * A minimal pipelining RESP2 connection: `send()` writes commands in one go and resolves with
 * their replies in order (error replies are `RespError` values, not rejections). When the socket
 * fails or closes, every pending `send()` rejects and `closed` turns true; open a new one.
 */
export class RespConnection {
  private buffer: Buffer = Buffer.alloc(0);
  private readonly pending: Pending[] = [];
  private failure: Error | undefined;

  private constructor(
    private readonly socket: Socket,
    private readonly buffers: boolean,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk) => this.onData(chunk));
    socket.on('error', (error) => this.fail(error));
    socket.on('close', () => this.fail(new Error('connection to Redis closed')));
  }

  /**
   * Connects (and authenticates / selects a db when the target says so).
   *
   * @example
   * ```ts
   * const connection = await RespConnection.open({ host: server.host, port: server.port }, { buffers: true });
   * const [ok, value] = await connection.send([['SET', 'k', Buffer.from([0, 255])], ['GET', 'k']]);
   * connection.close();
   * ```
   */
  static open(target: RespTarget, options: RespConnectionOptions = {}): Promise<RespConnection> {
    const timeoutMs = options.connectTimeoutMs ?? 2_000;
    return new Promise((resolve, reject) => {
      const socket = connect({ host: target.host, port: target.port });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error(`could not connect to ${target.host}:${target.port} within ${timeoutMs} ms`));
      }, timeoutMs);
      socket.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      socket.once('connect', () => {
        clearTimeout(timer);
        const connection = new RespConnection(socket, options.buffers ?? false);
        const setup: string[][] = [];
        if (target.password !== undefined) {
          setup.push(target.username ? ['AUTH', target.username, target.password] : ['AUTH', target.password]);
        }
        if (target.db) setup.push(['SELECT', String(target.db)]);
        if (setup.length === 0) return resolve(connection);
        connection.send(setup).then((replies) => {
          const error = replies.find((reply) => reply instanceof RespError);
          if (error) {
            connection.close();
            reject(error);
          } else resolve(connection);
        }, reject);
      });
    });
  }

  /** True once the socket failed or was closed. */
  get closed(): boolean {
    return this.failure !== undefined;
  }

  /** Sends `commands` pipelined; resolves with one reply per command. */
  send(commands: readonly (readonly (string | number | Buffer)[])[]): Promise<RespValue[]> {
    if (this.failure) return Promise.reject(this.failure);
    if (commands.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      this.pending.push({ count: commands.length, replies: [], resolve, reject });
      this.socket.write(Buffer.concat(commands.map((command) => encodeCommand(command))));
    });
  }

  /** Closes the socket; pending sends reject. */
  close(): void {
    this.fail(new Error('connection closed by the client'));
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    let offset = 0;
    for (;;) {
      const head = this.pending[0];
      if (!head) break;
      let parsed: ReturnType<typeof parseResp>;
      try {
        parsed = parseResp(this.buffer, offset, { buffers: this.buffers });
      } catch (error) {
        this.fail(error as Error);
        this.socket.destroy();
        return;
      }
      if (!parsed) break;
      offset = parsed.next;
      head.replies.push(parsed.value);
      if (head.replies.length === head.count) {
        this.pending.shift();
        head.resolve(head.replies);
      }
    }
    this.buffer = this.buffer.subarray(offset);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const entry of this.pending.splice(0)) entry.reject(this.failure);
  }
}
