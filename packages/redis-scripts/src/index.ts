export { DeadlineError, withDeadline } from './deadline.js';
export { decodeDecision, decodeRelease } from './decode.js';
export { clockArgs, encodeCall, ruleArgs } from './encode.js';
export { classifyRedisError, type ErrorClassifier, isOutOfMemory, toStoreError } from './errors.js';
export { groupByHashTag, hashTag } from './hash-tag.js';
export type { RedisLike } from './redis-like.js';
export { checkCountReply, MismatchedReplyError, nextCallTag, untag } from './reply-tag.js';
export { createScriptRunner, isNoScript, type ScriptRunner } from './run-script.js';
export { createScriptStore, type ScriptStoreOptions } from './script-store.js';
export {
  ALL_SCRIPTS,
  CONSUME_SCRIPT,
  CONSUME_VARIANTS,
  type LuaScript,
  PEEK_SCRIPT,
  PEEK_VARIANTS,
  REFUND_SCRIPT,
  RELEASE_SCRIPT,
  SCRIPTS,
  type ScriptId,
  type ScriptName,
} from './scripts/index.js';
export { CONSUME_SHA1, PEEK_SHA1, REFUND_SHA1, RELEASE_SHA1, SHA1S } from './shas.js';
