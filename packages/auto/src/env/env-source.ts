/** Environment variables: `process.env` on Node, the `env` bindings object on Workers. */
export type EnvSource = Readonly<Record<string, unknown>>;

interface ProcessHost {
  process?: { env?: Record<string, string | undefined> };
}

/** `process.env` where there is one (Node, Bun, Deno's compat), else an empty object (Workers). */
export function defaultEnv(): EnvSource {
  return (globalThis as ProcessHost).process?.env ?? {};
}
