import { describeDemoApi } from './support/api-cases.ts';
import { expressTarget, honoTarget } from './support/targets.ts';

// One route table, two Node servers, over real HTTP on loopback.
describeDemoApi('the demo on Express 5', () => expressTarget());
describeDemoApi('the demo on Hono (@hono/node-server)', () => honoTarget());
