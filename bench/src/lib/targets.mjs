import { ratioToBest } from './stats.mjs';

/**
 * Evaluates a suite's `targets` against its measured cases. A target is one of:
 *
 * - an absolute bound on a median: `{ label, case, subject?, max: 130 }` (or `min`);
 * - a ratio to the best peer: `{ label, case, vs: 'best-peer', min: 1.1 }`, oriented like the tables
 *   (> 1 means ours is better, whatever the unit's direction);
 * - a ratio to another cell: `{ label, case, vs: { subject, case? }, min: 0.95 }`, oriented the same
 *   way, or with `plain: true` the plain quotient of the medians (`max: 1.05` reads "≤ 1.05× it").
 *
 * `subject` defaults to the suite's own subject. Resolves one row per target: `{ suite, label,
 * measured, goal, met }`; `measured` and `met` are undefined when a cell was not measured.
 */
export function evaluateTargets(suite, cases) {
  const byName = new Map(cases.map((c) => [c.name, c]));
  return (suite.targets ?? []).map((t) => {
    const c = byName.get(t.case);
    const median = (caseName, subject) => byName.get(caseName)?.subjects[subject]?.median;
    const ours = c ? median(t.case, t.subject ?? suite.ours) : undefined;
    let measured;
    let unit;
    if (t.vs === undefined) {
      measured = ours;
      unit = ` ${c?.unit ?? ''}`;
    } else if (t.vs === 'best-peer') {
      measured = c
        ? ratioToBest(
            ours,
            suite.peers.map((p) => median(t.case, p)),
            c.higherIsBetter,
          )
        : undefined;
      unit = '×';
    } else {
      const other = median(t.vs.case ?? t.case, t.vs.subject);
      if (c && Number.isFinite(ours) && Number.isFinite(other) && ours > 0 && other > 0) {
        measured = t.plain || c.higherIsBetter ? ours / other : other / ours;
      }
      unit = '×';
    }
    const goal = t.min !== undefined ? `≥ ${t.min}${unit}` : `≤ ${t.max}${unit}`;
    const met = measured === undefined ? undefined : t.min !== undefined ? measured >= t.min : measured <= t.max;
    return { suite: suite.name, label: t.label, measured, unit, goal, met };
  });
}
