import { rlProject } from '../../tooling/config/vitest.ts';

export default rlProject('redis-tcp', { testTimeout: 120_000 });
