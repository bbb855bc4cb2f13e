import { describeStore } from '../src/index.js';
import { createModelStore } from '../src/model-store.js';

describeStore('reference model', () => createModelStore(), {
  numRuns: 200,
  skip: { differential: 'the model is its own reference; the other stores run this group against it' },
});
