import { subjectsOf } from './subjects.mjs';

const COLORS = [
  '#2563eb',
  '#9ca3af',
  '#f59e0b',
  '#10b981',
  '#ef4444',
  '#8b5cf6',
  '#0ea5e9',
  '#ec4899',
  '#84cc16',
  '#78350f',
  '#1e3a8a',
  '#111827',
];

/**
 * A grouped bar chart (SVG) of every case, each subject measured in it (ours, variants, peers,
 * baselines) normalised to the best peer of that case (1.0 = the best peer; higher is better
 * whatever the unit).
 */
export function chartSvg(suites) {
  const rows = [];
  for (const { suite, cases } of suites) {
    for (const c of cases) {
      const peers = suite.peers.map((p) => c.subjects[p]?.median).filter((v) => v > 0);
      if (peers.length === 0) continue;
      const best = c.higherIsBetter ? Math.max(...peers) : Math.min(...peers);
      const bars = subjectsOf(suite)
        .filter((s) => c.subjects[s])
        .map((s) => {
          const v = c.subjects[s].median;
          return { subject: s, score: v > 0 ? (c.higherIsBetter ? v / best : best / v) : 0 };
        });
      rows.push({ label: `${suite.name}: ${c.name}`, bars });
    }
  }
  const subjects = [...new Set(rows.flatMap((r) => r.bars.map((b) => b.subject)))];
  const barH = 10;
  const left = 330;
  const width = 900;
  const max = Math.min(4, Math.max(1.5, ...rows.flatMap((r) => r.bars.map((b) => b.score))));
  const scale = (width - left - 60) / max;
  const out = [];
  let y = 34;
  for (const row of rows) {
    const rowH = row.bars.length * barH + 14;
    out.push(`<text x="10" y="${y + rowH / 2}">${escapeXml(row.label)}</text>`);
    row.bars.forEach((b, j) => {
      const w = Math.max(1, Math.min(b.score, max) * scale);
      const color = COLORS[subjects.indexOf(b.subject) % COLORS.length];
      const top = y + j * barH;
      out.push(`<rect x="${left}" y="${top}" width="${w.toFixed(1)}" height="${barH - 2}" fill="${color}"/>`);
      out.push(`<text x="${left + w + 4}" y="${top + barH - 2}" font-size="9">${b.score.toFixed(2)}</text>`);
    });
    y += rowH;
  }
  const x1 = left + scale;
  out.push(`<line x1="${x1}" y1="30" x2="${x1}" y2="${y}" stroke="#111" stroke-dasharray="3,3"/>`);
  subjects.forEach((s, k) => {
    const ly = y + 14 + k * 16;
    out.push(
      `<rect x="10" y="${ly - 9}" width="10" height="10" fill="${COLORS[k % COLORS.length]}"/><text x="26" y="${ly}">${escapeXml(s)}</text>`,
    );
  });
  const height = y + 24 + subjects.length * 16;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="10" y="18" font-size="14" font-weight="bold">@rl vs peers (1.0 = best peer in the same case, higher is better)</text>`,
    ...out,
    '</svg>',
  ].join('\n');
}

function escapeXml(text) {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}
