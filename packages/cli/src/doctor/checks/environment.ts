import { type BackendSelection, describeSelection, SHARED_STORE_VARIABLES, selectBackend } from '@rl/auto';
import { isRateLimitError } from '@rl/core';
import type { CheckResult } from '../types.js';

const LABEL: Record<BackendSelection['backend'], string> = {
  upstash: 'Upstash over REST',
  redis: 'Redis over TCP',
  memory: 'in-process memory',
};

/** Reads the environment exactly as `createStoreFromEnv` does and says which backend it would choose and why. */
export function environmentChecks(env: Readonly<Record<string, string | undefined>>): {
  selection: BackendSelection | undefined;
  results: CheckResult[];
} {
  let selection: BackendSelection;
  try {
    selection = selectBackend(env);
  } catch (error) {
    const variable = isRateLimitError(error) ? error.details.variable : undefined;
    return {
      selection: undefined,
      results: [{ id: 'environment', status: 'fail', message: (error as Error).message, data: { variable } }],
    };
  }
  const where = describeSelection(selection);
  const results: CheckResult[] = [];
  if (selection.backend === 'memory') {
    const production = selection.production && !selection.disabled;
    results.push({
      id: 'environment',
      status: production ? 'fail' : 'warn',
      message: `${LABEL.memory}: ${selection.reason}. Limits are per process${production ? ' — and NODE_ENV=production' : ''}; set ${SHARED_STORE_VARIABLES} to share them.`,
      data: { backend: 'memory', variables: selection.variables },
    });
  } else {
    results.push({
      id: 'environment',
      status: 'pass',
      message: `${LABEL[selection.backend]}: ${selection.reason} → ${where}, timeout ${selection.timeoutMs} ms`,
      data: { backend: selection.backend, variables: selection.variables, timeoutMs: selection.timeoutMs },
    });
  }
  for (const note of selection.notes) results.push({ id: 'environment', status: 'warn', message: note });
  return { selection, results };
}
