// PDF transformation matrices [a b c d e f] (PDF 32000-1, 8.3.3): what a point on the page is, under
// the graphics state's CTM and the text matrix. The preflight places images and text with them, and
// the tests' PDF readers do the same.

export type Matrix = [number, number, number, number, number, number];

/** m × n: `m` applied first, then `n` (a `cm` operand times the CTM; a text move times the line matrix). */
export const mul = (m: readonly number[], n: readonly number[]): Matrix => [
  m[0] * n[0] + m[1] * n[2],
  m[0] * n[1] + m[1] * n[3],
  m[2] * n[0] + m[3] * n[2],
  m[2] * n[1] + m[3] * n[3],
  m[4] * n[0] + m[5] * n[2] + n[4],
  m[4] * n[1] + m[5] * n[3] + n[5],
];

/** The point (x, y) under `m`. */
export const apply = (m: readonly number[], x: number, y: number): [number, number] => [
  m[0] * x + m[2] * y + m[4],
  m[1] * x + m[3] * y + m[5],
];
