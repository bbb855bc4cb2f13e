import type { Cluster, Redis } from 'ioredis';
import { keySlot } from './key-slot.js';

type Stream = Redis['stream'];

/**
 * Called as a call is sent, with its keys; returns what to run if that call's connection loses its
 * place in the reply stream (the call timed out, or received another call's reply).
 */
export type ConnectionTracker = (keys: readonly string[]) => (() => void) | undefined;

/**
 * Destroys `stream` unless it is gone already. Nothing more is read from it — a reply still on its way
 * can never reach a later call — its pending calls fail at once, and the client reconnects with its
 * `retryStrategy` on a fresh socket. Returns whether it did anything.
 */
function drop(stream: Stream | undefined): boolean {
  if (stream === undefined || stream.destroyed) return false;
  stream.destroy();
  return true;
}

const WATCHED = new WeakSet<Redis>();

/**
 * ioredis 5 arms a `socketTimeout` timer when it writes to a silent socket and clears it only when
 * data arrives; if the socket closes for another reason first (our recycling, a reset, a failed ready
 * check), the stale timer later destroys whichever socket is current — a healthy new one. Clear it
 * whenever the client's connection closes.
 */
function clearStaleSocketTimer(client: Redis): void {
  if (WATCHED.has(client)) return;
  WATCHED.add(client);
  client.on('close', () => {
    const internals = client as unknown as { socketTimeoutTimer?: ReturnType<typeof setTimeout> };
    if (internals.socketTimeoutTimer === undefined) return;
    clearTimeout(internals.socketTimeoutTimer);
    internals.socketTimeoutTimer = undefined;
  });
}

/** Single node or Sentinel: the one socket the call is written to (one callback per socket, not per call). */
function trackStandalone(client: Redis): ConnectionTracker {
  clearStaleSocketTimer(client);
  let current: Stream | undefined;
  let replace: (() => void) | undefined;
  return () => {
    const stream = client.stream;
    if (stream !== current) {
      current = stream;
      replace = stream === undefined ? undefined : () => void drop(stream);
    }
    return replace;
  };
}

const nodeKey = (node: Redis) => `${node.options.host}:${node.options.port}`;

/**
 * Cluster: the socket of the master that owns the keys' slot. A Cluster node connection does not
 * reconnect by itself (ioredis ends it and waits for a MOVED), so once it has ended the slots are
 * refreshed, which opens a new connection to that master at once.
 */
function trackCluster(cluster: Cluster): ConnectionTracker {
  return (keys) => {
    const targets: { node: Redis; stream: Stream }[] = [];
    const slots = new Set(keys.map(keySlot));
    for (const slot of slots) {
      const owner = cluster.slots[slot]?.[0];
      const node = owner === undefined ? undefined : cluster.nodes('master').find((n) => nodeKey(n) === owner);
      if (node !== undefined && !targets.some((t) => t.node === node)) targets.push({ node, stream: node.stream });
    }
    if (targets.length === 0) return undefined;
    return () => {
      for (const { node, stream } of targets) {
        if (drop(stream)) node.once('end', () => cluster.refreshSlotsCache());
      }
    };
  };
}

/**
 * What `redisStore` does when a call times out or receives a reply that is not its own: the
 * connection it went out on can no longer be trusted to pair replies with calls, so it is replaced.
 */
export function connectionRecycler(client: Redis | Cluster): ConnectionTracker {
  return client.isCluster ? trackCluster(client as Cluster) : trackStandalone(client as Redis);
}
