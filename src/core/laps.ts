// A build's step timings: lap(name) records the milliseconds since the last lap (or the start, or
// the last restart) as ms[prefix + name]. page.fit.json, proof.json and edition.fit.json carry them.

export interface Laps {
  ms: Record<string, number>;
  lap(name: string): void;
  /** Count the next lap from now (time spent elsewhere in between is not anyone's step). */
  restart(): void;
}

export function laps(prefix = ''): Laps {
  const ms: Record<string, number> = {};
  let t = performance.now();
  return {
    ms,
    lap(name) {
      const now = performance.now();
      ms[prefix + name] = Math.round(now - t);
      t = now;
    },
    restart() {
      t = performance.now();
    },
  };
}
