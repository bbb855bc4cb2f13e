import { rlProject } from '../../tooling/config/vitest.ts';

export default rlProject('demo');
