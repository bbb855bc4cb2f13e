export { rawRequest } from './raw-request.js';
export { type ServedApp, serveNode } from './serve.js';
