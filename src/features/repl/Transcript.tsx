// The REPL transcript: `> line`, `< OUTPUT` with the loop's latency, failures, notices (help,
// refusals) and what commands did (`· recorded …`, a :gen's progress and result).
// Rules: it is a bounded window (the store keeps about the last 1,000 entries and counts the
// lines it cut, which this says in lines, as a person counts them), and it follows new output
// unless the person scrolled up. An exemplar that leads to a line (the store's highlightedEntry)
// scrolls that line into view and highlights it, until the next one.
import { memo, useEffect, useLayoutEffect, useRef } from "react";
import { formatMs, formatNumber } from "../../components/format";
import { type NumberedEntry, TRANSCRIPT_LIMIT, usePlayground } from "../../store";

const Entry = memo(function Entry({ entry, highlighted }: { entry: NumberedEntry; highlighted: boolean }) {
  switch (entry.kind) {
    case "input":
      return (
        <li
          className={highlighted ? "t-input t-highlight" : "t-input"}
          data-entry-id={entry.id}
          {...(highlighted ? { "aria-current": "true" as const } : {})}
        >
          <span className="t-sigil">&gt;</span> {entry.text}
        </li>
      );
    case "output":
      return (
        <li className="t-output">
          <span className="t-sigil">&lt;</span> {entry.text}
          <span className="t-latency">{formatMs(entry.latencyMs)}</span>
        </li>
      );
    case "failed":
      return (
        <li className="t-failed">
          <span className="t-sigil">!</span> error: {entry.text}
          <span className="t-latency">{formatMs(entry.latencyMs)}</span>
        </li>
      );
    case "notice":
      return <li className="t-notice">{entry.text}</li>;
    case "info":
      return (
        <li className="t-info">
          <span className="t-sigil">·</span> {entry.text}
        </li>
      );
  }
});

export function Transcript() {
  const { entries, droppedLines } = usePlayground((s) => s.transcript);
  const box = useRef<HTMLDivElement>(null);
  const follow = useRef(true);
  const highlighted = usePlayground((s) => s.highlightedEntry);

  useEffect(() => {
    if (highlighted === null) return;
    const line = box.current?.querySelector(`[data-entry-id="${highlighted.id}"]`);
    if (!line) return;
    follow.current = false; // stay on the line the person asked for
    line.scrollIntoView({ block: "center" });
  }, [highlighted]);

  useLayoutEffect(() => {
    const el = box.current;
    if (el && follow.current) el.scrollTop = el.scrollHeight;
  }, [entries]);

  return (
    <div
      ref={box}
      className="transcript"
      role="log"
      aria-label="Transcript"
      tabIndex={0}
      onScroll={(e) => {
        const el = e.currentTarget;
        follow.current = el.scrollTop + el.clientHeight >= el.scrollHeight - 8;
      }}
    >
      {droppedLines > 0 && (
        <p className="t-dropped">
          {formatNumber(droppedLines)} earlier line{droppedLines === 1 ? " is" : "s are"} not shown, with
          {droppedLines === 1 ? " its" : " their"} output (the transcript keeps its last{" "}
          {formatNumber(TRANSCRIPT_LIMIT)} entries); what {droppedLines === 1 ? "it" : "they"} recorded is
          still in the views.
        </p>
      )}
      {entries.length === 0 && droppedLines === 0 ? (
        <p className="t-empty">
          Type a line and press Enter. Try <code>hello</code>, <code>:sleep 300</code>, <code>:fail boom</code>,{" "}
          <code>:gen repl/latency 1000 lognormal(80,0.4)</code> or <code>:help</code>.
        </p>
      ) : (
        <ol className="t-lines">
          {entries.map((e) => (
            <Entry key={e.id} entry={e} highlighted={highlighted?.id === e.id} />
          ))}
        </ol>
      )}
    </div>
  );
}
