import { readFile } from 'node:fs/promises';

/**
 * Reads a .env file: `KEY=value` lines, `#` comments, optional `export `, values optionally in single
 * or double quotes. Variables already in the environment win over the file (as with `node --env-file`).
 */
export async function parseEnvFile(path: string): Promise<Record<string, string>> {
  const text = await readFile(path, 'utf8');
  const values: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!match) continue;
    let value = (match[2] ?? '').trim();
    const quoted = /^(['"])(.*)\1$/.exec(value);
    if (quoted) value = quoted[2] ?? '';
    else value = value.replace(/\s+#.*$/, '');
    values[match[1] as string] = value;
  }
  return values;
}
