export { type DescribeAdapterOptions, describeAdapter } from './describe-adapter.js';
export { type AdapterHarness, type Client, DEFAULT_PEER, type MakeFetch, type Reply, type Send } from './harness.js';
export {
  type AdapterScenario,
  CUSTOM_KEY_HEADER,
  describeInfo,
  failingStore,
  SCENARIO_NOW,
  SKIP_HEADER,
  scenarioOptions,
  TEST_INFO_HEADER,
  TEST_PEER_HEADER,
  USER_HEADER,
} from './scenario.js';
