export * from './adapter/index.js';
export { createModelStore, type ModelStore } from './model-store.js';
export { describeStore } from './store/describe-store.js';
export { HOSTILE_IDENTIFIERS } from './store/hostile-identifiers.js';
export type {
  DescribeStoreOptions,
  StoreFactory,
  StoreFactoryContext,
  StoreGroup,
  StoreInspector,
} from './store/options.js';
export { ALIGNED_EPOCH, type VirtualClock, virtualClock } from './virtual-clock.js';
