// A count with its noun, for messages and summaries: “1 line”, “3 lines”.

/** `n` and the noun in the number it takes (`many` for a plural not made with -s). */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
