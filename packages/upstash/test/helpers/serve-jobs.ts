/// <reference types="node" />
import { createInterface } from 'node:readline';

/** The child's side of `startProcessPool`'s protocol: say ready, then answer jobs until stdin closes. */
export async function serveJobs<Job, Result>(handle: (job: Job) => Promise<Result>): Promise<void> {
  const send = (message: unknown) => process.stdout.write(`${JSON.stringify(message)}\n`);
  send({ ready: true });
  for await (const line of createInterface({ input: process.stdin })) {
    if (line.trim() === '') continue;
    try {
      send({ result: await handle(JSON.parse(line) as Job) });
    } catch (error) {
      send({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
  }
}
