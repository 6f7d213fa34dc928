// The Measures panel: what the REPL can record into (`:record`, `:gen`) — the preset's measures,
// read-only and marked as the preset's, and the person's own — and the form that creates one.
// Rules: every outcome is said where the person looks: a refused delete under its row (naming
// the views that use the measure), a refused field under that field, a created or deleted
// measure in the panel's status line; focus never falls to <body> (after a delete it moves to
// the next row's Delete button, or the form).
import { useRef, useState } from "react";
import { Panel } from "../../components/Panel";
import { usePlayground } from "../../store";
import { CreateMeasureForm } from "./CreateMeasureForm";
import { MeasureList } from "./MeasureList";
import "./measures.css";

export function MeasuresPanel() {
  const measures = usePlayground((s) => s.measures);
  const deleteMeasure = usePlayground((s) => s.deleteMeasure);
  const [status, setStatus] = useState("");
  const [refusal, setRefusal] = useState<{ name: string; reason: string } | null>(null);
  const nameInput = useRef<HTMLInputElement>(null);

  return (
    <Panel title="Measures" className="measures-panel">
      <p className="measures-hint">
        What the REPL records into: <code>:record &lt;measure&gt; &lt;value&gt; [key=value …]</code> or{" "}
        <code>:gen &lt;measure&gt; &lt;n&gt; &lt;distribution&gt;</code> (<code>:help</code> says more). The preset’s
        measures come with its views and cannot be changed.
      </p>
      <MeasureList
        measures={measures}
        refusal={refusal}
        onDelete={(name) => {
          const result = deleteMeasure(name);
          if (result.ok) {
            setRefusal(null);
            setStatus(`Deleted measure “${name}”.`);
          } else {
            setRefusal({ name, reason: result.reason });
            setStatus("");
          }
          return result.ok;
        }}
        focusAfterLast={nameInput}
      />
      <CreateMeasureForm
        nameInput={nameInput}
        onCreated={(m) => {
          setRefusal(null);
          setStatus(
            `Created measure “${m.name}” (${m.type}${m.unit ? `, ${m.unit}` : ", no unit"}). Record into it with :record ${/[\s"]/.test(m.name) ? JSON.stringify(m.name) : m.name} <value>.`,
          );
        }}
        onEdit={() => setStatus("")}
      />
      <p className="measures-status" role="status" aria-label="Measures status">
        {status}
      </p>
    </Panel>
  );
}
