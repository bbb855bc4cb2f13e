export type { UpstashClient } from './upstash-adapter.js';
export { DEFAULT_UPSTASH_TIMEOUT_MS, type UpstashStoreOptions, upstashStore } from './upstash-store.js';
