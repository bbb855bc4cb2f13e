import { invalidConfig } from '@rl/core';
import { type ResolvedHeaderOptions, resolveHeaderOptions } from '../headers/header-options.js';
import { partitionKeys } from '../headers/partition-key.js';
import type { IdentitySources } from '../identity/identify.js';
import { checkIpHeader, type IpHeader } from '../ip/client-ip.js';
import { checkIpv6Subnet } from '../ip/ipv6-prefix.js';
import { compileTrust, type ProxyTrust } from '../ip/proxy-trust.js';
import { type CompiledRoute, compileRoutes } from '../routes/route-table.js';
import type { HttpLimiterOptions } from './options.js';
import { checkResponseFormat, DEFAULT_MESSAGE, type ResponseFormat } from './responses.js';
import { createWarnings, type Warnings } from './warnings.js';

/** Options after validation. */
export interface ResolvedHttpOptions<Ctx> {
  readonly table: CompiledRoute<Ctx>[];
  readonly warnings: Warnings;
  readonly trust: ProxyTrust;
  readonly ipHeader: IpHeader;
  readonly ipv6Subnet: number | false;
  readonly caseSensitive: boolean;
  readonly headers: ResolvedHeaderOptions;
  readonly response: ResponseFormat;
  readonly message: string;
  readonly shadow: boolean;
  readonly refunds: boolean;
  readonly requestWasSuccessful: (status: number) => boolean;
  readonly partitionKey: (route: string, identifier: string) => string;
  readonly sources: IdentitySources<Ctx>;
}

function optionalFunction(name: string, value: unknown): void {
  if (value !== undefined && typeof value !== 'function') throw invalidConfig(name, value, 'a function');
}

function optionalBoolean(name: string, value: unknown): boolean {
  if (value !== undefined && typeof value !== 'boolean') throw invalidConfig(name, value, 'true or false');
  return value === true;
}

/** Validates every shared option; each problem names the option and the value. */
export function resolveHttpOptions<Ctx>(options: HttpLimiterOptions<Ctx>): ResolvedHttpOptions<Ctx> {
  if (options === null || typeof options !== 'object') throw invalidConfig('options', options, 'an options object');
  if (options.store === undefined || options.store === null) {
    throw invalidConfig('store', options.store, 'a Store such as memoryStore() from @rl/memory, or (ctx) => Store');
  }
  for (const name of ['userId', 'skip', 'requestWasSuccessful', 'onError', 'onLimit', 'onDecision', 'now'] as const) {
    optionalFunction(name, options[name]);
  }
  const caseSensitive = optionalBoolean('caseSensitive', options.caseSensitive);
  const warnings = createWarnings({
    ...(options.validate === undefined ? {} : { validate: options.validate }),
    ...(options.onWarning === undefined ? {} : { onWarning: options.onWarning }),
  });
  const trust = compileTrust(options.trustProxy);
  if (trust.kind === 'all') {
    warnings.warn(
      'RL_W_PERMISSIVE_TRUST_PROXY',
      'trustProxy is true, so any client can pick its own address (and its own limit) by sending X-Forwarded-For. Set the number of proxies in front of the app, or their address ranges.',
    );
  }
  const message = options.message ?? DEFAULT_MESSAGE;
  if (typeof message !== 'string') throw invalidConfig('message', message, 'a string');
  const { apiKey } = options;
  if (apiKey !== undefined && typeof apiKey !== 'function' && (typeof apiKey !== 'string' || apiKey === '')) {
    throw invalidConfig('apiKey', apiKey, 'a header name such as "x-api-key", or (ctx) => string | undefined');
  }
  if (options.partitionKeySecret !== undefined && typeof options.partitionKeySecret !== 'string') {
    throw invalidConfig('partitionKeySecret', options.partitionKeySecret, 'a string');
  }
  const table = compileRoutes(options, caseSensitive);
  return {
    table,
    warnings,
    trust,
    ipHeader: checkIpHeader(options.ipHeader),
    ipv6Subnet: checkIpv6Subnet(options.ipv6Subnet),
    caseSensitive,
    headers: resolveHeaderOptions(options.headers),
    response: checkResponseFormat(options.response),
    message,
    shadow: optionalBoolean('shadow', options.shadow),
    refunds:
      optionalBoolean('skipSuccessfulRequests', options.skipSuccessfulRequests) ||
      optionalBoolean('skipFailedRequests', options.skipFailedRequests),
    requestWasSuccessful: options.requestWasSuccessful ?? ((status) => status < 400),
    partitionKey: partitionKeys(options.partitionKeySecret),
    sources: {
      userId: options.userId,
      apiKey,
    },
  };
}
