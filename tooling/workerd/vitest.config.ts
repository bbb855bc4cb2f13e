import { rlProject } from '../config/vitest.ts';

export default rlProject('workerd');
