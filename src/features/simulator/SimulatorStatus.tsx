// The simulator's status line: running or stopped, the lines it recorded into the current data
// and the last one. Rule: the counts change with every tick (20 a second), so they are followed
// in a transition (usePlaygroundInTransition), never through a store hook: a synchronous update
// from the tick made React flush the charts' pending effects, and so redraw them, inside the
// tick's task, where a major GC could land too (the long run's tasks over 50 ms). One hook
// follows the whole simulator state, so running and the count always come from the same
// store state: with one hook each, React rendered the stop's transition before the last tick's
// and showed "Stopped" beside a count 3,840 lines short of the data (twice in the long run).
import { formatNumber } from "../../components/format";
import { type PlaygroundState, usePlaygroundInTransition } from "../../store";

const selectSimulator = (s: PlaygroundState): PlaygroundState["simulator"] => s.simulator;

export function SimulatorStatus() {
  const { running, generated, lastLine } = usePlaygroundInTransition(selectSimulator);
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
