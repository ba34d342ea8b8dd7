// Why an image could not be read, in words a contributor acts on. sharp refuses an image of more
// pixels than it decodes (its limitInputPixels, 16,383² by default) from its header alone, saying
// "Input image exceeds pixel limit"; the advice for a damaged file ("export it again") does not
// mend that one: it is a camera's or a scanner's original far larger than any page prints.

/** The most pixels an image may have: sharp's default limit, checked on the header before decoding. */
export const MAX_IMAGE_PIXELS = 0x3fff * 0x3fff;

const PAST_PIXEL_LIMIT = /exceeds pixel limit/i;

/** The first line of sharp's error, or what the pixel limit means. */
export function imageErrorWords(error: unknown): string {
  const first = ((error as Error)?.message ?? String(error)).split('\n')[0];
  return PAST_PIXEL_LIMIT.test(first) ? `it has more than ${Math.floor(MAX_IMAGE_PIXELS / 1e6)} million pixels` : first;
}

/** How to mend an image that imageErrorWords described. */
export function imageAdvice(words: string): string {
  return words.endsWith('million pixels')
    ? 'scale it down (a whole broadsheet page at 300 ppi is about 30 million pixels)'
    : 'export it again as JPEG or PNG';
}
