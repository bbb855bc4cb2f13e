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
 * `subject` defaults to the suite's own subject. A ratio target may name a `ceiling` subject (the
 * server with no limiter at all): the same ratio measured for it is the most any subject could reach
 * in that run, so a goal above it cannot be met there. Resolves one row per target: `{ suite, label,
 * measured, goal, met, ceiling? }`; `measured` and `met` are undefined when a cell was not measured.
 */
export function evaluateTargets(suite, cases) {
  const byName = new Map(cases.map((c) => [c.name, c]));
  const median = (caseName, subject) => byName.get(caseName)?.subjects[subject]?.median;
  /** The target's value for `subject` (ours, or the ceiling subject), or undefined when not measured. */
  const targetValue = (t, subject) => {
    const c = byName.get(t.case);
    const ours = c ? median(t.case, subject) : undefined;
    if (t.vs === undefined) return ours;
    if (t.vs === 'best-peer') {
      return c
        ? ratioToBest(
            ours,
            suite.peers.map((p) => median(t.case, p)),
            c.higherIsBetter,
          )
        : undefined;
    }
    const other = median(t.vs.case ?? t.case, t.vs.subject);
    if (!c || !Number.isFinite(ours) || !Number.isFinite(other) || ours <= 0 || other <= 0) return undefined;
    return t.plain || c.higherIsBetter ? ours / other : other / ours;
  };
  return (suite.targets ?? []).map((t) => {
    const measured = targetValue(t, t.subject ?? suite.ours);
    const unit = t.vs === undefined ? ` ${byName.get(t.case)?.unit ?? ''}` : '×';
    const goal = t.min !== undefined ? `≥ ${t.min}${unit}` : `≤ ${t.max}${unit}`;
    const met = measured === undefined ? undefined : t.min !== undefined ? measured >= t.min : measured <= t.max;
    const row = { suite: suite.name, label: t.label, measured, unit, goal, met };
    if (t.ceiling !== undefined) row.ceiling = { subject: t.ceiling, value: targetValue(t, t.ceiling), goalMin: t.min };
    return row;
  });
}
