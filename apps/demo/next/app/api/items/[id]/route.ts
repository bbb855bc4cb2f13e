import { nextRoutes } from '../../../../../src/next/route-handlers.ts';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';
export const PUT = nextRoutes.updateItem;
export const DELETE = nextRoutes.deleteItem;
