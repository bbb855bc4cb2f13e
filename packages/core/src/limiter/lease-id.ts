interface WebCrypto {
  randomUUID?: () => string;
}

let counter = 0;

/** A fresh lease id: a random UUID where Web Crypto exists (Node ≥ 19, workerd, browsers), else a unique fallback. */
export function newLeaseId(): string {
  const webCrypto = (globalThis as { crypto?: WebCrypto }).crypto;
  if (webCrypto?.randomUUID) return webCrypto.randomUUID();
  counter = (counter + 1) % Number.MAX_SAFE_INTEGER;
  return `${Date.now().toString(36)}-${counter.toString(36)}-${Math.random().toString(36).slice(2)}`;
}
