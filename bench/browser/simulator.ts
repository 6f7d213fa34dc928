// Scenario "simulator": the traffic simulator at 50,000 lines/s for 10 s of wall time, on a
// fresh page, with recorder.ts recording long tasks, frames and the demo/latency card's chart
// updates. Then the generated count (status line) must equal the recorded count (exposition
// sample demo_lines_in, given up to 5 s to catch up).
// Rule: goals longest task < 100 ms, counts match, charts update every second; a count
// mismatch, a zero count or a page error is a failure.
import { fmt, table } from "../harness";
import { int, ms, sleep, spread } from "./figures";
import { freshPage } from "./page";
import { fail, failOnPageErrors } from "./problems";
import { readRecording, startRecording } from "./recorder";
import { type Scenario, served } from "./scenario";
import { catchUp, generatedWhenStopped, setRate, startSimulator, stopSimulator } from "./simulator-controls";

const RATE = 50_000;
const SECONDS = 10;
const CATCH_UP_MS = 5_000;
const LONG_TASK_GOAL_MS = 100;
const VIEW_LINES_IN = "demo/lines_in";
const VIEW_LATENCY = "demo/latency";
const SAMPLE_LINES_IN = "ocmetricstutorial_demo_lines_in";

export const simulator: Scenario = {
  id: "simulator",
  title: `simulator ${int(RATE)} lines/s for ${SECONDS} s`,
  needsBrowser: true,
  needsAppBuild: true,
  async run(ctx) {
    const { browser, url } = served(ctx);
    const { page, errors, close } = await freshPage(browser, url);
    try {
      await startRecording(page, VIEW_LATENCY);
      await setRate(page, RATE);
      await startSimulator(page);
      await sleep(SECONDS * 1000);
      await stopSimulator(page);
      const generated = await generatedWhenStopped(page);
      // The recorded count: the exposition sample, which refreshes at most every 200 ms.
      const { value: recorded, afterMs: catchUpMs } = await catchUp(
        () => page.evaluate((name) => window.__bench?.sample(name) ?? null, SAMPLE_LINES_IN),
        generated,
        CATCH_UP_MS,
      );
      const card = await page.evaluate((view) => window.__bench?.cardCount(view) ?? null, VIEW_LINES_IN);
      const rec = await readRecording(page, SECONDS);

      if (!(generated > 0)) fail(`simulator: the status line says ${int(generated)} lines were generated`);
      if (recorded !== generated)
        fail(`simulator: generated ${int(generated)} lines but the exposition says ${recorded === null ? "nothing" : int(recorded)} after ${CATCH_UP_MS} ms`);
      if (card?.value != null && card.value !== generated)
        fail(`simulator: generated ${int(generated)} lines but the ${VIEW_LINES_IN} card says ${card.text ?? "?"}`);
      failOnPageErrors("simulator", errors);

      const elapsedMs = rec.stopAt - rec.startAt;
      const longestTaskMs = Math.max(0, ...rec.during.map((t) => t.durationMs));
      const cu = rec.chartUpdatesPerSecond;
      const fps = rec.framesPerSecond;
      const chartsKeepUpdating = rec.cardFound && cu.every((n) => n >= 1);
      const lines = [
        table(
          ["figure", "value"],
          [
            ["lines generated (status line)", int(generated)],
            ["lines recorded (exposition)", recorded === null ? "—" : int(recorded)],
            [`${VIEW_LINES_IN} card count`, card?.text ?? "—"],
            ["exposition caught up after stop", ms(catchUpMs)],
            ["start→stop click", ms(elapsedMs)],
            ["achieved rate", `${int(Math.round(generated / (elapsedMs / 1000)))} /s`],
            ["long tasks > 50 ms (during run)", String(rec.during.length)],
            ["longest task (during run)", ms(longestTaskMs)],
            ["long-task time (during run)", ms(rec.during.reduce((a, x) => a + x.durationMs, 0))],
            ["long tasks before start (load)", `${rec.beforeMs.length}${rec.beforeMs.length ? `, longest ${ms(Math.max(...rec.beforeMs))}` : ""}`],
            [`${VIEW_LATENCY} chart updates/s`, rec.cardFound ? spread(cu) : "card not found"],
            ["  per second", rec.cardFound ? cu.join(" ") : "—"],
            ["animation frames/s", spread(fps)],
            ["  per second", fps.join(" ")],
          ],
        ),
      ];
      if (rec.during.length) {
        const each = rec.during.map((t) => `${fmt(t.atMs / 1000, 2)} s: ${fmt(t.durationMs, 0)} ms`);
        lines.push("   long tasks (start after the start click: duration):");
        for (let i = 0; i < each.length; i += 6) lines.push("     " + each.slice(i, i + 6).join(", "));
      }
      if (rec.cardFound && !rec.cardStillAttached)
        lines.push(`   note: the observed ${VIEW_LATENCY} card was replaced during the run; updates after that were not seen`);

      return {
        heading: `simulator at ${int(RATE)} lines/s for ${SECONDS} s of wall time`,
        body: lines.join("\n"),
        goals: [
          { what: "count matches", met: recorded === generated },
          { what: `longest task < ${LONG_TASK_GOAL_MS} ms`, met: longestTaskMs < LONG_TASK_GOAL_MS },
          { what: "charts keep updating (every second ≥ 1 update)", met: chartsKeepUpdating },
        ],
        json: {
          rate: RATE,
          seconds: SECONDS,
          generated,
          recorded,
          cardCountText: card?.text ?? null,
          elapsedMs,
          achievedRate: generated / (elapsedMs / 1000),
          catchUpMs,
          longTasksDuringRun: rec.during,
          longTasksBeforeRun: rec.beforeMs,
          longestTaskMs,
          chartUpdatesPerSecond: cu,
          framesPerSecond: fps,
          cardFound: rec.cardFound,
          cardStillAttached: rec.cardStillAttached,
          longTaskGoalMs: LONG_TASK_GOAL_MS,
        },
      };
    } finally {
      await close();
    }
  },
};
