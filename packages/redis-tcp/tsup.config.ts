import { rlTsup } from '../../tooling/config/tsup.ts';

// The private scripts package is bundled in (code and types); @rl/core and ioredis stay external.
export default rlTsup({
  platform: 'node',
  noExternal: ['@rl-internal/redis-scripts'],
  dts: { resolve: ['@rl-internal/redis-scripts'] },
});
