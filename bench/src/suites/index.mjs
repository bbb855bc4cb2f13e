import { httpSuite } from './http/suite.mjs';
import { memorySuite } from './memory/suite.mjs';
import { redisSuite } from './redis/suite.mjs';
import { upstashSuite } from './upstash/suite.mjs';

/** Every suite `pnpm bench` runs, in order. */
export const SUITES = [memorySuite, redisSuite, upstashSuite, httpSuite];
