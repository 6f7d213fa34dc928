// The Views panel: one card per registered view, live.
// Rules: the engine is read through the store (`stats`), again only when `dataVersion`
// changes (at most once a frame, ten times a second while data streams); each card gets its view's data and re-renders only when
// that changed; the panel never imports App, only the store, the engine and components.

import { Panel } from "../../components/Panel";
import { LogStatus } from "./LogStatus";
import { useSnapshot } from "./useSnapshot";
import { ViewCard } from "./ViewCard";
import "../../components/chart.css";
import "./views.css";

export function ViewsPanel() {
  const snapshot = useSnapshot();
  return (
    <Panel title="Views" className="views-panel">
      <LogStatus />
      {snapshot.length === 0 ? (
        <p className="views-empty">No views are registered.</p>
      ) : (
        <div className="views-grid">
          {snapshot.map((data) => (
            <ViewCard key={data.view.name} data={data} />
          ))}
        </div>
      )}
    </Panel>
  );
}
