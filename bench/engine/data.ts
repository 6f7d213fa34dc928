// The data every engine scenario shares, and where their results and failures go.
// Rule: one seeded set of values for everyone (1M uniform in [0, 7000), mulberry32), so every
// contestant records exactly the same observations and the cross-checks can demand equality.
import { mulberry32 } from "../harness";

export const N = 1_000_000;
export const SEED = 0x5eed;
export const BOUNDS = [0, 25, 50, 75, 100, 200, 400, 600, 800, 1000, 2000, 4000, 6000];
export const RECORD_PASSES = { warmup: 2, timed: 9 };
export const EXPO_PASSES = { warmup: 5, timed: 25 };

export const values = new Float64Array(N);
{
  const rand = mulberry32(SEED);
  for (let i = 0; i < N; i++) values[i] = rand() * 7000;
}

/** Everything the timed code produces ends up here and is printed, so nothing is dead code. */
export const out = { sink: 0 };

export const failures: string[] = [];

export function fail(msg: string): void {
  failures.push(msg);
  console.error(`\n!!! CORRECTNESS MISMATCH: ${msg}\n`);
}
