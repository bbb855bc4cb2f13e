/**
 * Records what Redis executes while `work()` runs, through `MONITOR` on `admin` (an ioredis client):
 * commands sent by the other clients, and separately the commands that
 * scripts ran (MONITOR reports those with the source `lua`; `INFO commandstats` cannot tell them
 * apart). Resolves `{ sent, inScripts }`, each a `{ command: calls }` record.
 */
export async function monitorCommands(admin, work) {
  await admin.ping();
  const monitor = await admin.monitor();
  const address = (client) => `${client.stream.localAddress}:${client.stream.localPort}`;
  const own = new Set([address(admin), address(monitor)]);
  const sent = {};
  const inScripts = {};
  const marker = `bench-monitor-end-${process.pid}-${Date.now()}`;
  let markerSeen;
  const markerArrived = new Promise((resolve) => {
    markerSeen = resolve;
  });
  monitor.on('monitor', (_time, args, source) => {
    const command = String(args[0]).toLowerCase();
    if (command === 'echo' && args[1] === marker) return markerSeen();
    if (own.has(source)) return; // the measurement's own connections
    const into = source === 'lua' ? inScripts : sent;
    into[command] = (into[command] ?? 0) + 1;
  });
  try {
    await work();
    // MONITOR streams asynchronously: once our marker arrives, every earlier command has too.
    await admin.echo(marker);
    await markerArrived;
  } finally {
    monitor.disconnect();
  }
  return { sent, inScripts };
}
