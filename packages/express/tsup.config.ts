import { rlTsup } from '../../tooling/config/tsup.ts';

export default rlTsup();
