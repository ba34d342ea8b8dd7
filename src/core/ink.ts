// Total ink of a colour, and what the plates carry where black text overprints a tint: one
// computation for the press's preflight (src/press/preflight.ts, on the colours of the written PDF)
// and the layout's check of its design colours when it is loaded (src/config/layout.ts), so that a
// layout whose colours every page's preflight would refuse is refused at its own line instead.
// Colours here are C, M, Y and K each 0–1, as the PDF writes them.

/** Black text as the press prints it: 100 % K alone (press/colors.ts), overprinting (press/pdfx.ts). */
export const TEXT_BLACK: readonly number[] = [0, 0, 0, 1];

/** Total ink of a colour (C, M, Y, K each 0–1), in per cent to a tenth. */
export function totalInk(cmyk: readonly number[]): number {
  return Math.round(cmyk.reduce((a, b) => a + b, 0) * 100 * 10) / 10;
}

/**
 * What the plates carry where `top` overprints `under` in the nonzero overprint mode (OPM 1, as the
 * press sets it for black text): each ink of `top` that is not zero replaces `under`'s, its zero
 * inks leave `under`'s alone. Black text (100 % K) on a tint: the tint's C, M and Y and 100 % K.
 */
export function overprinted(top: readonly number[], under: readonly number[]): number[] {
  return top.map((v, i) => (v === 0 ? under[i] : v));
}
