import type { Algorithm } from '../rules/types.js';
import { concurrencyModel } from './concurrency.js';
import { fixedWindowModel } from './fixed-window.js';
import { gcraModel } from './gcra.js';
import type { NumericKernel } from './registers.js';
import { slidingLogModel } from './sliding-log.js';
import { slidingWindowModel } from './sliding-window.js';
import { tokenBucketModel } from './token-bucket.js';
import type { AlgorithmModel, AlgorithmState } from './types.js';

export { concurrencyModel } from './concurrency.js';
export { fixedWindowKernel, fixedWindowModel } from './fixed-window.js';
export { gcraKernel, gcraModel } from './gcra.js';
export { createRegisters, type NumericKernel, type Registers } from './registers.js';
export { slidingLogModel } from './sliding-log.js';
export { slidingWindowKernel, slidingWindowModel } from './sliding-window.js';
export { tokenBucketKernel, tokenBucketModel } from './token-bucket.js';
export * from './types.js';

/** The pure model of each algorithm, by name. */
export const MODELS: Readonly<Record<Algorithm, AlgorithmModel<AlgorithmState>>> = {
  'fixed-window': fixedWindowModel as AlgorithmModel<AlgorithmState>,
  'sliding-window': slidingWindowModel as AlgorithmModel<AlgorithmState>,
  'sliding-log': slidingLogModel as AlgorithmModel<AlgorithmState>,
  'token-bucket': tokenBucketModel as AlgorithmModel<AlgorithmState>,
  gcra: gcraModel as AlgorithmModel<AlgorithmState>,
  concurrency: concurrencyModel as AlgorithmModel<AlgorithmState>,
};

/** The allocation-free kernel of each numeric algorithm (the ones whose state is a few numbers). */
export const KERNELS: Readonly<Partial<Record<Algorithm, NumericKernel<AlgorithmState>>>> = {
  'fixed-window': fixedWindowModel.kernel as NumericKernel<AlgorithmState>,
  'sliding-window': slidingWindowModel.kernel as NumericKernel<AlgorithmState>,
  'token-bucket': tokenBucketModel.kernel as NumericKernel<AlgorithmState>,
  gcra: gcraModel.kernel as NumericKernel<AlgorithmState>,
};
