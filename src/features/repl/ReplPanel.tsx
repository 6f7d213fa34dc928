// The REPL panel: transcript and prompt, as the quickstart's terminal.
import { Panel } from "../../components/Panel";
import { usePlayground } from "../../store";
import { ReplInput } from "./ReplInput";
import { Transcript } from "./Transcript";
import "./repl.css";

export function ReplPanel() {
  const clear = usePlayground((s) => s.clearTranscript);
  return (
    <Panel
      title="REPL"
      className="repl-panel"
      actions={
        <button type="button" className="button quiet" onClick={clear} title="Clears the transcript; recorded data stays">
          Clear transcript
        </button>
      }
    >
      <Transcript />
      <ReplInput />
    </Panel>
  );
}
