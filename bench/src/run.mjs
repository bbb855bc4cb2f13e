#!/usr/bin/env node
// pnpm bench [--quick] [--reps N] [--suite memory,redis,...] — runs every subject of every suite in fresh
// processes, several repetitions interleaved, and writes results/<suite>.json, results/summary.md
// and results/chart.svg with medians (min–max), ratios to the best peer and the targets.
// pnpm bench --report [--quick] — measures nothing: re-evaluates the targets of the saved results
// with the current target definitions and rewrites summary.md and chart.svg.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { checkBuilds } from './lib/builds.mjs';
import { chartSvg } from './lib/chart.mjs';
import { markdown } from './lib/report.mjs';
import { runSuite } from './lib/run-suite.mjs';
import { evaluateTargets } from './lib/targets.mjs';
import { SUITES } from './suites/index.mjs';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const reportOnly = args.includes('--report');
const only = args.includes('--suite') ? args[args.indexOf('--suite') + 1]?.split(',') : undefined;
const unknown = (only ?? []).filter((name) => !SUITES.some((s) => s.name === name));
if (unknown.length > 0 || (only && only.length === 0)) {
  console.error(`unknown suite "${unknown.join(',')}"; choose from: ${SUITES.map((s) => s.name).join(', ')}`);
  process.exit(2);
}
const repsArg = args.includes('--reps') ? Number(args[args.indexOf('--reps') + 1]) : undefined;
if (repsArg !== undefined && !(Number.isSafeInteger(repsArg) && repsArg >= 1)) {
  console.error(`--reps: expected a whole number ≥ 1, got ${args[args.indexOf('--reps') + 1]}`);
  process.exit(2);
}
const reps = repsArg ?? (quick ? 1 : 5);
const outDir = new URL(quick ? '../results/quick/' : '../results/', import.meta.url).pathname;
mkdirSync(outDir, { recursive: true });
if (!reportOnly) checkBuilds();

const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB`;
for (const suite of SUITES.filter((s) => !reportOnly && (!only || only.includes(s.name)))) {
  const started = Date.now();
  const { cases, targets } = await runSuite(suite, { quick, reps, log: (line) => process.stdout.write(`${line}\n`) });
  const meta = {
    date: new Date().toISOString().slice(0, 16).replace('T', ' '),
    machine,
    node: process.versions.node,
    reps,
    seconds: Math.round((Date.now() - started) / 1000),
    loadAverage: Number(os.loadavg()[0].toFixed(1)),
    quick,
  };
  writeFileSync(
    `${outDir}${suite.name}.json`,
    `${JSON.stringify({ suite: suite.name, meta, cases, targets }, null, 2)}\n`,
  );
}

// The summary and chart cover the latest results of every suite in this directory, so
// `--suite redis` refreshes one section without dropping the others.
const latest = SUITES.flatMap((suite) => {
  const file = `${outDir}${suite.name}.json`;
  const saved = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
  // files written by an older version of the harness (no meta) are left out
  if (!saved?.meta) return [];
  const targets = reportOnly ? evaluateTargets(suite, saved.cases) : (saved.targets ?? []);
  if (reportOnly) writeFileSync(file, `${JSON.stringify({ ...saved, targets }, null, 2)}\n`);
  return [{ suite, meta: saved.meta, cases: saved.cases, targets }];
});
const summary = markdown(latest, { machine, quick });
writeFileSync(`${outDir}summary.md`, `${summary}\n`);
writeFileSync(`${outDir}chart.svg`, chartSvg(latest));
console.log(`\n${summary}`);
