import { parseArgs } from 'node:util';
import { runDoctor } from './doctor/run-doctor.js';
import { formatHuman, formatJson } from './format/human.js';
import { VERSION } from './version.js';

/** Where `main` writes, and the environment it reads (injectable for tests). */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Readonly<Record<string, string | undefined>>;
}

const USAGE = `Usage: rl doctor [--json] [--strict] [--prefix <prefix>] [--samples <n>] [--env-file <path>]

Reads the environment like @rl/auto's createStoreFromEnv (UPSTASH_REDIS_REST_URL + _TOKEN, REDIS_URL,
REDIS_HOST/PORT/PASSWORD/TLS, REDIS_TIMEOUT, REDIS_ENABLED), says which backend it would use and why,
connects, and checks PING, the scripts, maxmemory-policy and ACL permissions.

  --json              machine-readable report on stdout
  --strict            exit 1 on warnings too
  --prefix <prefix>   your limiters' key prefix (default "rl")
  --samples <n>       round trips per measurement (default 5)
  --env-file <path>   load variables from a .env file first

Exit status: 0 when every check passed (warnings allowed), 1 when one failed, 2 on bad usage.
`;

/**
 * Runs the `rl` command line and resolves its exit status.
 *
 * @example
 * const status = await main(['doctor', '--json'], { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t), env: process.env })
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    io.stderr(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.version) {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  if (values.help || positionals.length === 0) {
    io.stdout(USAGE);
    return positionals.length === 0 && !values.help ? 2 : 0;
  }
  if (positionals[0] !== 'doctor' || positionals.length > 1) {
    io.stderr(`Unknown command: ${positionals.join(' ')}\n\n${USAGE}`);
    return 2;
  }
  const samples = values.samples === undefined ? 5 : Number(values.samples);
  if (!Number.isInteger(samples) || samples < 1 || samples > 1000) {
    io.stderr(`--samples must be a whole number from 1 to 1000, got ${JSON.stringify(values.samples)}\n`);
    return 2;
  }
  let env = io.env;
  if (values['env-file'] !== undefined) {
    const loaded: Record<string, string | undefined> = { ...io.env };
    try {
      const { parseEnvFile } = await import('./env-file.js');
      Object.assign(loaded, { ...(await parseEnvFile(values['env-file'])), ...io.env });
    } catch (error) {
      io.stderr(`Could not read --env-file ${values['env-file']}: ${(error as Error).message}\n`);
      return 2;
    }
    env = loaded;
  }
  const report = await runDoctor({ env, prefix: values.prefix ?? 'rl', strict: values.strict === true, samples });
  io.stdout(values.json ? formatJson(report) : formatHuman(report, VERSION));
  return report.ok ? 0 : 1;
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      json: { type: 'boolean' },
      strict: { type: 'boolean' },
      prefix: { type: 'string' },
      samples: { type: 'string' },
      'env-file': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
}
