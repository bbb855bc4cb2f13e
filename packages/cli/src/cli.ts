#!/usr/bin/env node
import { main } from './main.js';

/** Exits once stdout has flushed: a client's leftover timers or keep-alive sockets must not hold the process. */
function exit(status: number): void {
  process.stdout.write('', () => process.exit(status));
}

main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
}).then(exit, (error: unknown) => {
  process.stderr.write(`rl: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  exit(1);
});
