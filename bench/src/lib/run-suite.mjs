import { runChild } from './child.mjs';
import { withRatios } from './report.mjs';
import { summarize } from './stats.mjs';
import { subjectsOf } from './subjects.mjs';
import { evaluateTargets } from './targets.mjs';

/** Cases grouped by the child run that measures them (`case.run`, default the case's own name). */
function groupByRun(cases) {
  const groups = new Map();
  for (const c of cases) {
    const run = c.run ?? c.name;
    groups.set(run, [...(groups.get(run) ?? []), c]);
  }
  return groups;
}

/** The measured value of `c` in a child's output: `values[c.metric ?? c.name]`, or the single `value`. */
function measuredValue(c, result, where) {
  const v = result.values ? result.values[c.metric ?? c.name] : result.value;
  if (!Number.isFinite(v)) throw new Error(`${where}: no finite value for case ${c.name} in ${JSON.stringify(result)}`);
  return v;
}

/**
 * Runs one suite: for every run (a group of cases one child measures at once), `reps` repetitions,
 * each repetition running every subject once in a fresh process, in an order rotated per repetition
 * so no subject always goes first. Resolves `{ suite, cases, targets }` with medians (min–max),
 * ratios to the best peer and target verdicts.
 */
export async function runSuite(suite, { quick, reps, log }) {
  const durationMs = (quick ? suite.durationMs?.quick : suite.durationMs?.full) ?? (quick ? 200 : 1000);
  const context = suite.setup ? await suite.setup({ quick }) : {};
  try {
    const cases = suite.cases.filter((c) => !(quick && c.skipQuick));
    const values = Object.fromEntries(cases.map((c) => [c.name, {}]));
    const details = {};
    for (const [run, group] of groupByRun(cases)) {
      const allowed = group[0].subjects;
      const subjects = subjectsOf(suite).filter((s) => !allowed || allowed.includes(s));
      for (let rep = 0; rep < reps; rep++) {
        const order = subjects.map((_, i) => subjects[(i + rep) % subjects.length]);
        for (const subject of order) {
          const result = await runChild(suite.script, [subject, run, String(durationMs)], {
            env: context.env ?? {},
            timeoutMs: suite.childTimeoutMs,
          });
          const where = `${suite.name} ${run} ${subject}`;
          for (const c of group) {
            values[c.name][subject] = [...(values[c.name][subject] ?? []), measuredValue(c, result, where)];
          }
          if (result.details !== undefined) details[run] = { ...details[run], [subject]: result.details };
          log(
            `${where} #${rep + 1}: ${group.map((c) => `${round(measuredValue(c, result, where))} ${c.unit}`).join(', ')}`,
          );
        }
      }
    }
    const results = Object.fromEntries(
      Object.entries(values).map(([name, bySubject]) => [
        name,
        Object.fromEntries(Object.entries(bySubject).map(([s, v]) => [s, summarize(v)])),
      ]),
    );
    const measured = withRatios(suite, cases, results).map((c) => ({ ...c, details: details[c.run ?? c.name] }));
    return { suite, cases: measured, targets: evaluateTargets(suite, measured) };
  } finally {
    await context.teardown?.();
  }
}

function round(v) {
  return v >= 100 ? Math.round(v) : Number(v.toPrecision(3));
}
