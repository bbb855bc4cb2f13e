import type { CheckStatus, DoctorReport } from '../doctor/types.js';

const MARK: Record<CheckStatus, string> = { pass: '✔', warn: '⚠', fail: '✖', info: 'ℹ', skip: '–' };

/** The report for people: one line per check, then a verdict. */
export function formatHuman(report: DoctorReport, version: string): string {
  const width = Math.max(...report.checks.map((c) => c.id.length));
  const lines = [`rl doctor (@rl/cli ${version})`, ''];
  for (const check of report.checks) lines.push(`${MARK[check.status]} ${check.id.padEnd(width)}  ${check.message}`);
  const { fail, warn } = report.summary;
  const counts = `${fail} failure${fail === 1 ? '' : 's'}, ${warn} warning${warn === 1 ? '' : 's'}`;
  lines.push('', report.ok ? `OK (${counts})` : `FAILED (${counts})`);
  return `${lines.join('\n')}\n`;
}

/** The report for machines. */
export function formatJson(report: DoctorReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
