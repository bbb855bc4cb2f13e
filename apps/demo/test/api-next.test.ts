import { describeDemoApi } from './support/api-cases.ts';
import { nextTarget } from './support/targets.ts';

// next/proxy.ts and the App Router route files, called with real NextRequests as Next calls them.
describeDemoApi('the demo on Next 16 (proxy.ts + route handlers)', () => nextTarget(), { jsonNotFound: false });
