/**
 * Call tags: every script call carries a tag (its last ARGV) that the script echoes as the last
 * element of its reply. A client that pipelines many calls on one connection (ioredis) pairs replies
 * with calls by order only; once one reply is lost on a connection that stays open, every later
 * reply would be handed to the call before it. The tag turns that into an error instead of another
 * call's decision.
 */

/** Thrown when a reply is not the answer to the call that received it (it belongs to another call). */
export class MismatchedReplyError extends Error {
  override name = 'MismatchedReplyError';
}

/** Tags stay below 2^30: small integers (V8 Smis) are several times cheaper to turn into strings. */
const TAG_RANGE = 2 ** 30;

/**
 * Tags are unique within this Node or Workers isolate, for a billion calls in a row: one counter for every store
 * (several stores may share one connection), starting at a random point so that two copies of this
 * module (an ESM and a CJS build in one process) do not hand out the same tags.
 */
let counter = Math.floor(Math.random() * TAG_RANGE);

/** The next call tag: a short decimal string. */
export function nextCallTag(): string {
  counter = counter + 1 >= TAG_RANGE ? 0 : counter + 1;
  return String(counter);
}

function describe(reply: unknown): string {
  try {
    return JSON.stringify(reply)?.slice(0, 120) ?? String(reply);
  } catch {
    return String(reply);
  }
}

/** Whether `reply` is an array that ends with `tag` (compared as strings: a REST client may have parsed the tag into a number). */
export function endsWithTag(reply: unknown, tag: string): reply is unknown[] {
  return Array.isArray(reply) && reply.length > 0 && String(reply[reply.length - 1]) === tag;
}

/** The error for a reply that does not end with the call's tag. */
export function mismatchedReply(reply: unknown, tag: string): MismatchedReplyError {
  return new MismatchedReplyError(`Reply ${describe(reply)} is not the reply to the call tagged ${tag}`);
}

/**
 * The reply without its tag, after checking that it ends with `tag`; throws a
 * {@link MismatchedReplyError} when it does not (a reply of another call, or of another command).
 */
export function untag(reply: unknown, tag: string): unknown[] {
  if (endsWithTag(reply, tag)) return reply.slice(0, -1);
  throw mismatchedReply(reply, tag);
}

/** `DEL` answers with an integer; anything else is the reply to another command. */
export function checkCountReply(reply: unknown): number {
  const count = typeof reply === 'string' ? Number(reply) : reply;
  if (typeof count === 'number' && Number.isSafeInteger(count)) return count;
  throw new MismatchedReplyError(`Reply ${describe(reply)} is not the reply to a DEL`);
}
