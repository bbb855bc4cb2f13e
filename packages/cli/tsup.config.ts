import { rlTsup } from '../../tooling/config/tsup.ts';

// `dist/cli.js` is the `rl` bin (its hashbang comes from src/cli.ts). The private scripts package is
// bundled in; everything else stays external.
export default rlTsup({
  entry: ['src/index.ts', 'src/cli.ts'],
  platform: 'node',
  noExternal: ['@rl-internal/redis-scripts'],
  dts: { entry: 'src/index.ts', resolve: ['@rl-internal/redis-scripts'] },
});
