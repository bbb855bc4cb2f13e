import { describeAdapter } from '@rl/conformance';
import express from 'express';
import express4 from 'express4';
import { expressHarness } from './harness.js';

describeAdapter(
  'express 5',
  expressHarness(() => express()),
);
describeAdapter(
  'express 4',
  expressHarness(() => express4() as unknown as ReturnType<typeof express>),
);
