/**
 * The part of `key` Redis Cluster hashes: the text between the first `{` and the next `}` when it
 * is not empty, else the whole key.
 */
export function hashTag(key: string): string {
  const open = key.indexOf('{');
  if (open < 0) return key;
  const close = key.indexOf('}', open + 1);
  if (close <= open + 1) return key;
  return key.slice(open + 1, close);
}

/** Groups keys by hash tag, so each group can go to Redis in one multi-key command. */
export function groupByHashTag(keys: readonly string[]): string[][] {
  const groups = new Map<string, string[]>();
  for (const key of keys) {
    const tag = hashTag(key);
    const group = groups.get(tag);
    if (group === undefined) groups.set(tag, [key]);
    else group.push(key);
  }
  return [...groups.values()];
}
