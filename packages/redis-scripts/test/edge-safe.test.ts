/// <reference types="node" />
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '../src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

describe('edge safety (the package is bundled into @rl/upstash, which runs on Workers)', () => {
  it('no source file imports a Node builtin or uses Node globals', () => {
    const builtins = new Set(builtinModules);
    const offenders: string[] = [];
    for (const file of sources(SRC)) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/from\s+'([^']+)'/g)) {
        const name = match[1] as string;
        if (name.startsWith('node:') || builtins.has(name.split('/')[0] as string)) offenders.push(`${file}: ${name}`);
      }
      if (/\b(Buffer|process|require)\s*[.(]/.test(text)) offenders.push(`${file}: Node global`);
    }
    expect(offenders).toEqual([]);
  });
});
