// The page: REPL and simulator on the left (kept in view), views, measures, the view designer,
// export, push and remote write on the right (one column on a phone). Each panel subscribes to its own slice
// of the store, so recording re-renders only what shows the data, at most once per animation
// frame.
import { CardinalityPanel } from "./features/cardinality/CardinalityPanel";
import { DesignerPanel } from "./features/designer/DesignerPanel";
import { ExportPanel } from "./features/export/ExportPanel";
import { MeasuresPanel } from "./features/measures/MeasuresPanel";
import { PresetBar } from "./features/presets/PresetBar";
import { PushPanel } from "./features/push/PushPanel";
import { QueryPanel } from "./features/query/QueryPanel";
import { RemoteWritePanel } from "./features/remoteWrite/RemoteWritePanel";
import { ReplPanel } from "./features/repl/ReplPanel";
import { SettingsNotice } from "./features/settings/SettingsNotice";
import { SimulatorPanel } from "./features/simulator/SimulatorPanel";
import { ViewsPanel } from "./features/views/ViewsPanel";

export default function App() {
  return (
    <div className="app">
      <header className="app-header">
        <div className="app-title">
          <h1>Metrics Playground</h1>
          <p className="lede">
            The OpenCensus metrics quickstart in your browser: every line you type is recorded, aggregated into views
            and exposed as Prometheus text.
          </p>
        </div>
        <PresetBar />
      </header>
      <SettingsNotice />
      <main className="app-grid">
        <div className="app-col">
          <ReplPanel />
          <SimulatorPanel />
        </div>
        <div className="app-col">
          <ViewsPanel />
          <CardinalityPanel />
          <MeasuresPanel />
          <DesignerPanel />
          <ExportPanel />
          <QueryPanel />
          <PushPanel />
          <RemoteWritePanel />
        </div>
      </main>
    </div>
  );
}
