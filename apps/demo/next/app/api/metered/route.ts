import { nextRoutes } from '../../../../src/next/route-handlers.ts';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';
export const GET = nextRoutes.metered;
