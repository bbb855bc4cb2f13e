/**
 * `pnpm demo:cluster` — the multi-instance proof: one real redis-server (a free loopback port, never
 * 6379) and the local Upstash REST gateway in front of it; four demo processes per backend (Express,
 * Hono, Express, Hono) sharing a limit of 100 per hour per API key; 200 requests to 2 instances in
 * turn, then to 4 instances 16 at a time. Every run must admit exactly 100 and refuse exactly 100.
 * Needs the Debian package redis-server.
 */
import { formatProof, runClusterProof } from '../cluster/proof.ts';

const LIMIT = 100;
console.log('Starting redis-server, the Upstash REST gateway and 8 demo instances…');
const rows = await runClusterProof({ limit: LIMIT, requests: 2 * LIMIT, log: (line) => console.log(`  ${line}`) });
console.log(`\nLimit ${LIMIT} per API key, shared by every instance:\n`);
console.log(formatProof(rows, LIMIT));
const exact = rows.every((row) => row.exact);
console.log(
  exact ? '\nEvery run admitted exactly 100 of 200: the instances share one limit.' : '\nMISMATCH: see above.',
);
process.exit(exact ? 0 : 1);
