import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The packages (folders of packages/) the subjects import: the bench measures their built `dist`, as users get it. */
const PACKAGES = ['core', 'memory', 'redis-tcp', 'upstash', 'http', 'express', 'hono'];

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Fails when a package's `dist` is missing (run `pnpm build`), and warns when its `src` changed
 * after the last build, since the numbers would then describe older code.
 */
export function checkBuilds() {
  for (const folder of PACKAGES) {
    const name = `@rl/${folder}`;
    const root = new URL(`../../../packages/${folder}/`, import.meta.url).pathname;
    const dist = join(root, 'dist');
    if (!existsSync(join(dist, 'index.js'))) {
      throw new Error(
        `${name} is not built (${dist}/index.js missing): run \`pnpm build\` at the repository root first`,
      );
    }
    if (newestMtime(join(root, 'src')) > statSync(join(dist, 'index.js')).mtimeMs) {
      console.warn(
        `warning: ${name} src/ changed after its last build; run \`pnpm build\` to measure the current code`,
      );
    }
  }
}
