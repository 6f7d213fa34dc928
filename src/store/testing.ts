// For the store's unit tests (not used by the page): the surroundings of a store under test.
// Rules: seeded randomness; no animation frames, timers or kept settings; `:gen`'s tasks queue in
// `tasks` until the test runs them, in order.
import { seededRandom } from "../repl/simulator";
import type { PlaygroundDeps } from "./playground";
import { DEFAULT_SETTINGS } from "./settings";

export function quietDeps(tasks: (() => void)[]): PlaygroundDeps {
  return {
    random: seededRandom(1),
    frame: () => {},
    settings: DEFAULT_SETTINGS,
    persist: () => {},
    every: () => () => {},
    nextTask: (task) => (tasks.push(task), () => tasks.splice(tasks.indexOf(task), 1)),
  };
}
