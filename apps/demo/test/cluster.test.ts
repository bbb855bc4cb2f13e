import { describe, expect, it } from 'vitest';
import { formatProof, type ProofRow, runClusterProof } from '../src/cluster/proof.ts';

describe('the multi-instance proof (`pnpm demo:cluster`)', () => {
  it('admits exactly 100 of 200 across Express and Hono processes, over Redis TCP and the Upstash REST gateway', async () => {
    const log: string[] = [];
    const rows: ProofRow[] = await runClusterProof({ limit: 100, requests: 200, log: (line) => log.push(line) });
    console.log(`${log.join('\n')}\n${formatProof(rows)}`);
    expect(rows.map((row) => `${row.backend} / ${row.scenario}`)).toEqual([
      'Redis TCP / 2 instances, alternating',
      'Redis TCP / 4 instances, 16 concurrent',
      'Upstash REST / 2 instances, alternating',
      'Upstash REST / 4 instances, 16 concurrent',
    ]);
    for (const row of rows) {
      expect(row.result).toMatchObject({ sent: 200, admitted: 100, limited: 100, other: {} });
      expect(row.notShared).toBe(0);
      expect(row.exact).toBe(true);
      // Every instance served requests: the limit really was shared, not enforced by one process.
      expect(Object.values(row.result.byTarget)).toHaveLength(row.servers.length);
      for (const target of Object.values(row.result.byTarget)) expect(target.admitted).toBeGreaterThan(0);
    }
    const alternating = rows[0] as ProofRow;
    expect(Object.values(alternating.result.byTarget)).toEqual([
      { admitted: 50, limited: 50 },
      { admitted: 50, limited: 50 },
    ]);
  }, 180_000);
});
