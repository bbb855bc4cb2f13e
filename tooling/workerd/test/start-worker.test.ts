import { describe, expect, it } from 'vitest';
import { startWorker } from '../src/index.js';

const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url).pathname;

describe('startWorker', () => {
  it('runs a worker inside workerd', async () => {
    const worker = await startWorker({ entry: fixture('hello.worker.ts') });
    try {
      const body = (await (await worker.fetch('/x')).json()) as { runtime: string; path: string };
      expect(body).toEqual({ runtime: 'Cloudflare-Workers', path: '/x' });
    } finally {
      await worker.dispose();
    }
  });

  it('refuses a bundle that imports a Node builtin', async () => {
    await expect(startWorker({ entry: fixture('node-import.worker.ts') })).rejects.toThrow(
      /Node builtin "node:crypto"/,
    );
  });
});
