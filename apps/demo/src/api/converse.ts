/** The four voices of seed 000's converse API. */
export const ELEMENTS = ['air', 'fire', 'water', 'earth'] as const;
export type Element = (typeof ELEMENTS)[number];

const OPENINGS: Record<Element, string> = {
  air: 'Breathe out slowly.',
  fire: 'Let it burn bright for a moment.',
  water: 'Let it flow past you.',
  earth: 'Stand where you are; the ground holds.',
};

/** A validated `POST /api/v1/converse/message` body. */
export interface MessageInput {
  readonly userText: string;
  readonly userId: string;
  readonly element: Element;
}

/** The element named in a query or body, `air` by default. */
export function elementOf(value: unknown): Element {
  return ELEMENTS.includes(value as Element) ? (value as Element) : 'air';
}

/**
 * Checks a message body (`{"userText":"test","userId":"smoke","element":"air"}`); returns the error
 * message for a 400 instead when it is not usable.
 */
export function parseMessage(body: unknown): MessageInput | string {
  if (body === null || typeof body !== 'object') return 'Send a JSON body such as {"userText":"hello","userId":"me"}.';
  const { userText, userId, element } = body as Record<string, unknown>;
  if (typeof userText !== 'string' || userText.trim() === '' || userText.length > 2000) {
    return '"userText" must be a non-empty string of at most 2000 characters.';
  }
  return {
    userText: userText.trim(),
    userId: typeof userId === 'string' && userId !== '' ? userId.slice(0, 100) : 'anonymous',
    element: elementOf(element),
  };
}

/**
 * A canned reply in the element's voice — the demo has no model behind it, just the seed's API shape.
 *
 * @example
 * replyTo('test', 'air') // 'Breathe out slowly. You said "test". Air hears you.'
 */
export function replyTo(userText: string, element: Element): string {
  const name = `${element[0]?.toUpperCase()}${element.slice(1)}`;
  return `${OPENINGS[element]} You said "${userText.slice(0, 200)}". ${name} hears you.`;
}
