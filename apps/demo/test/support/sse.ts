/** An SSE response being read. */
export interface OpenStream {
  /** Everything received so far. */
  text(): string;
  /** Reads until `pattern` appears in the text (or the stream ends); resolves with the text. */
  until(pattern: RegExp | string): Promise<string>;
  /** Reads to the end of the stream. */
  rest(): Promise<string>;
  /** Hangs up, as a client closing the tab. */
  cancel(): Promise<void>;
}

/**
 * Reads a `text/event-stream` response incrementally.
 *
 * @example
 * const stream = readStream(await fetch(url))
 * await stream.until('event: open')
 * await stream.cancel()
 */
export function readStream(response: Response): OpenStream {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let received = '';
  let ended = false;
  const found = (pattern: RegExp | string) =>
    typeof pattern === 'string' ? received.includes(pattern) : pattern.test(received);
  const readMore = async () => {
    const { done, value } = await reader.read();
    if (done) ended = true;
    else received += decoder.decode(value, { stream: true });
  };
  return {
    text: () => received,
    async until(pattern) {
      while (!found(pattern) && !ended) await readMore();
      if (!found(pattern)) throw new Error(`the stream ended without ${String(pattern)}:\n${received}`);
      return received;
    },
    async rest() {
      while (!ended) await readMore();
      return received;
    },
    cancel: () => reader.cancel().catch(() => undefined),
  };
}
