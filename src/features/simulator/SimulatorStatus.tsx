// The simulator's status line: running or stopped, the lines it recorded into the current data
// and the last one. Rule: the counts change with every tick (20 a second), so they are followed
// in a transition (usePlaygroundInTransition), never through a store hook: a synchronous update
// from the tick made React flush the charts' pending effects, and so redraw them, inside the
// tick's task, where a major GC could land too (the long run's tasks over 50 ms). Running or
// stopped is followed the same way, so "Stopped" never shows beside a count from before the stop.
import { formatNumber } from "../../components/format";
import { type PlaygroundState, usePlaygroundInTransition } from "../../store";

const selectRunning = (s: PlaygroundState): boolean => s.simulator.running;
const selectGenerated = (s: PlaygroundState): number => s.simulator.generated;
const selectLastLine = (s: PlaygroundState): string => s.simulator.lastLine;

export function SimulatorStatus() {
  const running = usePlaygroundInTransition(selectRunning);
  const generated = usePlaygroundInTransition(selectGenerated);
  const lastLine = usePlaygroundInTransition(selectLastLine);
  return (
    <p className="sim-status" role="status" aria-label="Simulator status">
      <span className={`sim-dot ${running ? "on" : ""}`} aria-hidden="true" />
      {running ? "Running" : "Stopped"} · <span data-testid="sim-generated">{formatNumber(generated)}</span> lines
      recorded into the current data{lastLine && (
        <>
          {" "}· last: <code>{lastLine}</code>
        </>
      )}
    </p>
  );
}
