// The bench's verdict: the list of ways the app misbehaved during this run.
// Rule: only misbehaviour goes here — a page error, a console error, a crash, a count that does
// not match, a figure that never shows up, a step that throws. A slow timing never does: timings
// are figures with goals (met / MISSED), and main.ts exits 1 exactly when this list is not empty.

const found: string[] = [];

export function fail(message: string): void {
  found.push(message);
  console.error(`\n!!! FAILURE: ${message}\n`);
}

/** Every error the page reported, as a failure of the step `where`. */
export function failOnPageErrors(where: string, errors: readonly string[]): void {
  for (const e of errors) fail(`${where}: ${e}`);
}

export function problems(): readonly string[] {
  return found;
}
