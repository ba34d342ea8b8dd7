// ISBN-13 as written in series.yaml: hyphens and an isbn: prefix allowed, the check digit verified.

/** The 13 digits of an ISBN, or why it is not one. */
export function checkIsbn(raw: string): { ok: true; digits: string } | { ok: false; reason: string } {
  const digits = raw.replace(/^(urn:)?isbn:?/i, '').replace(/[\s-]/g, '');
  if (!/^97[89]\d{10}$/.test(digits)) return { ok: false, reason: 'expected 13 digits starting 978 or 979 (hyphens allowed)' };
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(digits[i]) * (i % 2 ? 3 : 1);
  const check = (10 - (sum % 10)) % 10;
  if (check !== Number(digits[12])) return { ok: false, reason: `the check digit should be ${check}: the number is mistyped` };
  return { ok: true, digits };
}
