// The receivers remote write reaches and how the page's server is pointed at each: the flag or
// command that turns the receiver on, and the REMOTE_WRITE_URL to start `npm run dev` or
// `npm run preview` with. Rule: the addresses are the receivers' own defaults (README
// "Remote write" says how to start each); credentials are only ever environment variables.

const RECEIVERS: readonly { name: string; start: string; url: string; note?: string }[] = [
  {
    name: "Prometheus 2.33+",
    start: "prometheus --web.enable-remote-write-receiver",
    url: "http://127.0.0.1:9090/api/v1/write",
    note: "the default; it refuses samples out of order or older than its head block allows (HTTP 400)",
  },
  {
    name: "Grafana Mimir / Cortex",
    start: "mimir -target=all (or -auth.multitenancy-enabled=false)",
    url: "http://127.0.0.1:8080/api/v1/push",
    note: "a tenant is the X-Scope-OrgID header: REMOTE_WRITE_TENANT",
  },
  {
    name: "Thanos Receive",
    start: "thanos receive --remote-write.address=0.0.0.0:19291 …",
    url: "http://127.0.0.1:19291/api/v1/receive",
  },
  {
    name: "VictoriaMetrics",
    start: "victoria-metrics (single node)",
    url: "http://127.0.0.1:8428/api/v1/write",
  },
];

export function Receivers() {
  return (
    <details className="rw-help">
      <summary>Receivers and how to point the page at one</summary>
      <p>
        Start the app with <code>REMOTE_WRITE_URL=… npm run dev</code> (or <code>npm run preview</code>). Credentials come from the
        server&apos;s environment, never from this page: <code>REMOTE_WRITE_BEARER_TOKEN</code>, or <code>REMOTE_WRITE_USERNAME</code> and{" "}
        <code>REMOTE_WRITE_PASSWORD</code>.
      </p>
      <table className="rw-receivers">
        <thead>
          <tr>
            <th scope="col">Receiver</th>
            <th scope="col">Turned on by</th>
            <th scope="col">
              <code>REMOTE_WRITE_URL</code>
            </th>
          </tr>
        </thead>
        <tbody>
          {RECEIVERS.map((r) => (
            <tr key={r.name}>
              <th scope="row">{r.name}</th>
              <td>
                <code>{r.start}</code>
                {r.note && <span className="rw-help-note"> — {r.note}</span>}
              </td>
              <td>
                <code>{r.url}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
