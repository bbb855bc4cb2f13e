import { rlProject } from '../../tooling/config/vitest.ts';

export default rlProject('upstash', { testTimeout: 120_000 });
