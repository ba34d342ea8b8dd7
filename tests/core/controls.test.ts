// Control characters are left out of what the outputs print (src/core/controls.ts).
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { valueWithoutControls, withoutControls } from '../../src/core/controls.js';

describe('control characters', () => {
  it('are left out of text; tab, line breaks and invisible formatting characters stay', () => {
    expect(withoutControls('a\u0001b\u000Bc\u007Fd\u009Fe')).toBe('abcde');
    expect(withoutControls('a\tb\nc\rd\u200Be')).toBe('a\tb\nc\rd\u200Be');
    // the noncharacters XML forbids (text read in the wrong byte order)
    expect(withoutControls('a\uFFFEb\uFFFFc\uFFFDd')).toBe('abc\uFFFDd');
  });

  it('are left out of YAML values at any depth, an alias that contains itself included, and __proto__ stays a key', () => {
    const value = parse('a: &x\n  - "\\u0001one"\n  - *x\nb:\n  c: "t\\u000Bwo"\n__proto__:\n  d: "\\u0002three"\n') as Record<
      string,
      unknown
    >;
    const clean = valueWithoutControls(value) as Record<string, unknown>;
    const a = clean.a as unknown[];
    expect(a[0]).toBe('one');
    expect(a[1]).toBe(a); // the cycle is kept, not followed forever
    expect(clean.b).toEqual({ c: 'two' });
    expect(Object.getPrototypeOf(clean)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(clean, '__proto__')?.value).toEqual({ d: 'three' });
  });
});
