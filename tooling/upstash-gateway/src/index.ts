export { encodeResult, type UpstashJson } from './encode-result.ts';
export { BadRequestError, type GatewayRequest, parseRequest } from './parse-request.ts';
export type { RedisLocation } from './redis-pool.ts';
export {
  startUpstashGateway,
  UNAUTHORIZED_BODY,
  type UpstashGateway,
  type UpstashGatewayOptions,
} from './start-upstash-gateway.ts';
