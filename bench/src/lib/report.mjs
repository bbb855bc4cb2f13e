import { ratioToBest } from './stats.mjs';
import { subjectsOf } from './subjects.mjs';

const fmt = (v) => (v >= 100 ? Math.round(v).toLocaleString('en-US') : v.toFixed(v >= 10 ? 1 : 2));

/** Adds each case's results and its ratio (ours vs the best peer measured in that case). */
export function withRatios(suite, cases, results) {
  return cases.map((c) => {
    const bySubject = results[c.name] ?? {};
    const ours = bySubject[suite.ours]?.median;
    const peers = suite.peers.map((p) => bySubject[p]?.median);
    return { ...c, subjects: bySubject, ratio: ratioToBest(ours, peers, c.higherIsBetter) };
  });
}

/** Whether a ratio target's goal is more than its ceiling subject scored in the same run. */
function aboveCeiling(t) {
  const { value, goalMin } = t.ceiling ?? {};
  return value !== undefined && goalMin !== undefined && goalMin > value;
}

/** The Markdown of the targets of every suite run: measured value, goal, met or missed. */
function targetsSection(suites) {
  const rows = suites.flatMap((s) => s.targets);
  if (rows.length === 0) return [];
  const met = rows.filter((t) => t.met).length;
  const capped = rows.filter((t) => !t.met && aboveCeiling(t)).length;
  const lines = [
    '## targets',
    '',
    `${met} of ${rows.length} met${capped > 0 ? `; ${capped} of the missed ones ask for more than the ceiling measured in the same run` : ''}. Ratios are oriented so that > 1 means ours is better, except where the goal reads "≤ N×" (a plain quotient, ours ÷ the other). *Ceiling*: the same ratio for the server with no limiter at all — what a middleware that cost nothing would score in that run; a goal above it cannot be met by any limiter there.`,
    '',
    '| suite | target | measured | goal | ceiling | |',
    '|---|---|---|---|---|---|',
  ];
  for (const t of rows) {
    const measured = t.measured === undefined ? 'n/a' : `${fmt(t.measured)}${t.unit}`;
    const verdict = t.met === undefined ? 'not measured' : t.met ? '✅ met' : '❌ missed';
    const ceiling =
      t.ceiling?.value === undefined
        ? ''
        : `${fmt(t.ceiling.value)}${t.unit}${aboveCeiling(t) ? ' ⚠️ goal above it' : ''}`;
    lines.push(`| ${t.suite} | ${t.label} | ${measured} | ${t.goal} | ${ceiling} | ${verdict} |`);
  }
  lines.push('');
  return lines;
}

/** One Markdown table per suite (every subject's median (min–max), ours vs the best peer), then the targets. */
export function markdown(suites, meta) {
  const lines = [
    `# @rl benchmarks${meta.quick ? ' (quick smoke run: indicative only)' : ''}`,
    '',
    `${meta.machine}. Every cell is the median (min–max) of its repetitions, each in a fresh process; ratios compare medians measured in the same run.`,
    '',
  ];
  lines.push(...targetsSection(suites));
  for (const { suite, cases, meta: run } of suites) {
    const subjects = subjectsOf(suite).filter((s) => cases.some((c) => c.subjects[s]));
    lines.push(`## ${suite.name}`, '');
    lines.push(
      `_${run.date} UTC · Node ${run.node} · ${run.reps} repetition${run.reps === 1 ? '' : 's'} · ${run.seconds} s · load average ${run.loadAverage} at the end_`,
      '',
    );
    if (suite.description) lines.push(suite.description, '');
    lines.push(
      `| case | ${subjects.join(' | ')} | ours vs best peer |`,
      `|---|${subjects.map(() => '---').join('|')}|---|`,
    );
    for (const c of cases) {
      const cells = subjects.map((s) => {
        const r = c.subjects[s];
        return r ? `${fmt(r.median)} (${fmt(r.min)}–${fmt(r.max)})` : '–';
      });
      const ratio = c.ratio === undefined ? 'n/a' : `${c.ratio.toFixed(2)}×`;
      lines.push(
        `| ${c.name} (${c.unit}, ${c.higherIsBetter ? 'higher' : 'lower'} is better) | ${cells.join(' | ')} | ${ratio} |`,
      );
    }
    lines.push('');
  }
  return lines.join('\n');
}
