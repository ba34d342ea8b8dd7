// ISBN-13 as written in series.yaml: hyphens (or dashes) and an isbn: prefix allowed, full-width forms
// read as ASCII, the check digit verified.

/** The 13 digits of an ISBN, or why it is not one. */
export function checkIsbn(raw: string): { ok: true; digits: string } | { ok: false; reason: string } {
  // As pasted from a word processor or a CIP block: full-width digits and marks (９７８－７…, ISBN：),
  // and dashes (978–7–…) read as the digits and hyphens they stand for.
  const digits = raw
    .normalize('NFKC')
    .replace(/^(urn:)?isbn:?/i, '')
    .replace(/[\s\-\u2010-\u2015\u2212]/g, '');
  // An ISBN-10 (books before 2007) is valid but not what EPUB metadata and ONIX records carry now.
  if (isIsbn10(digits)) {
    const body = `978${digits.slice(0, 9)}`;
    return { ok: false, reason: `it is an ISBN-10 (e-book metadata and ONIX take the ISBN-13): write ${body}${checkDigit13(body)}` };
  }
  if (!/^97[89]\d{10}$/.test(digits)) return { ok: false, reason: 'expected 13 digits starting 978 or 979 (hyphens allowed)' };
  const check = checkDigit13(digits);
  if (check !== Number(digits[12])) return { ok: false, reason: `the check digit should be ${check}: the number is mistyped` };
  return { ok: true, digits };
}

/** The check digit of the first 12 digits of an ISBN-13. */
function checkDigit13(digits: string): number {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(digits[i]) * (i % 2 ? 3 : 1);
  return (10 - (sum % 10)) % 10;
}

/** Ten characters, nine digits and a check digit (X for 10) that add up: an ISBN-10. */
function isIsbn10(digits: string): boolean {
  if (!/^\d{9}[\dX]$/i.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 10; i++) sum += (10 - i) * (/x/i.test(digits[i]) ? 10 : Number(digits[i]));
  return sum % 11 === 0;
}
