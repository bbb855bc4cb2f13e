import type { Cluster, Redis } from 'ioredis';

function sleep(ms: number): { promise: Promise<void>; cancel: () => void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const promise = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  return { promise, cancel: () => clearTimeout(timer) };
}

function whenReady(client: Redis | Cluster): Promise<void> {
  if (client.status === 'ready') return Promise.resolve();
  if (client.status === 'wait') client.connect().catch(() => undefined);
  return new Promise<void>((resolve) => client.once('ready', () => resolve()));
}

/**
 * A Cluster client connects to each node lazily, on its first command; with no offline queue, the
 * commands sent while that connection is still being made would fail. So every node connection is
 * opened as soon as the client learns of the node.
 */
const EAGER = new WeakSet<Cluster>();

function connectNodesEagerly(cluster: Cluster): void {
  if (EAGER.has(cluster)) return;
  EAGER.add(cluster);
  cluster.on('+node', (node: Redis) => {
    if (node.status === 'wait') node.connect().catch(() => undefined);
  });
}

/** Resolves once the client — and for a Cluster, every master connection — is ready. */
async function fullyReady(client: Redis | Cluster): Promise<void> {
  await whenReady(client);
  if (client.isCluster) await Promise.all((client as Cluster).nodes('master').map(whenReady));
}

/**
 * Until the client has been ready once, calls wait for it (at most `maxWaitMs` each), so requests
 * that arrive while an app starts are not refused for want of a connection. Once it has been ready,
 * nothing waits (the gate returns undefined, not a promise): with no offline queue, a Redis that goes
 * away makes calls fail at once.
 */
export function readyGate(client: Redis | Cluster, maxWaitMs: number): () => Promise<void> | undefined {
  if (client.isCluster) connectNodesEagerly(client as Cluster);
  let ready = false;
  let first: Promise<void> | undefined;
  const wait = async () => {
    first ??= fullyReady(client).then(() => {
      ready = true;
    });
    const timeout = sleep(maxWaitMs);
    await Promise.race([first, timeout.promise]);
    timeout.cancel();
  };
  return () => {
    if (ready) return undefined;
    if (client.status === 'end' || client.status === 'close') return undefined;
    return wait();
  };
}
