import { describeAdapter } from '@rl/conformance';
import { proxyHarness, routeHarness } from './harness.js';

describeAdapter('next withRateLimit (route handler)', routeHarness);

describeAdapter('next rateLimitProxy (proxy.ts / middleware.ts)', proxyHarness, {
  handlerSeesDecision: false,
  skip: {
    'skip-successful':
      'a proxy never sees the response status; withRateLimit covers refunds (rateLimitProxy rejects the option)',
    'skip-failed':
      'a proxy never sees the response status; withRateLimit covers refunds (rateLimitProxy rejects the option)',
  },
});
