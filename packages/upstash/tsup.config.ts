import { rlTsup } from '../../tooling/config/tsup.ts';

// Edge-safe (platform "neutral"). The private scripts package is bundled in (code and types);
// @rl/core and @upstash/redis stay external.
export default rlTsup({
  noExternal: ['@rl-internal/redis-scripts'],
  dts: { resolve: ['@rl-internal/redis-scripts'] },
});
