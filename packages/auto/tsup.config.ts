import { rlTsup } from '../../tooling/config/tsup.ts';

export default rlTsup({ entry: ['src/index.ts', 'src/edge.ts'] });
