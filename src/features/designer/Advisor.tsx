// The bucket advisor in the designer: for a bucket count (3–60), the target quantiles and an
// optional 1-2-5 rounding, `adviseBounds` runs on the measure's logged values in the analysis
// worker, and its layout is shown next to the linear and exponential layouts with as many bounds
// over the logged range, client_golang's DefBuckets and OpenTelemetry's default bounds (and the
// candidate's own), each with its measured errors; "Use these bounds" puts one into the candidate.
// Rules: every layout is measured on the same values in the same request, by the engine's
// `layoutErrors`; the line under the table says which method the advisor's answer came from (its
// `method`); the bucket count is checked at its field; an answer to values or targets that have
// changed since is marked as such, not silently shown as current.
import { useId, useState } from "react";
import { formatClock, formatCount, formatNumber } from "../../components/format";
import { FormField } from "../../components/FormField";
import { type AnalysisResult, type Logged, valueRange } from "../../store";
import { DEF_BUCKETS, exponentialOver, formatBounds, linearOver, OTEL_DEFAULT_BOUNDS } from "./bounds";
import { summarizeBounds } from "./BoundsField";
import { formatError } from "./Costs";
import { quantileName } from "./quantiles";
import { advise, type Layout } from "./useCosts";

export const ADVISOR_BUCKETS = { min: 3, max: 60, initial: 10 } as const;

const METHOD_LINES = {
  brackets: "The advisor’s answer is its own layout: brackets around each target quantile (method “brackets”).",
  exponential: "The advisor’s answer is the exponential layout over the logged range: its own brackets erred more on these values (method “exponential”).",
  linear: "The advisor’s answer is the linear layout over the logged range: its own brackets erred more on these values (method “linear”).",
} as const;

const LAYOUT_LABELS: Record<string, string> = {
  linear: "Linear over the logged range",
  exponential: "Exponential over the logged range",
  defbuckets: "client_golang DefBuckets",
  otel: "OpenTelemetry defaults",
  candidate: "Your candidate",
};

interface Asked {
  result: AnalysisResult;
  layouts: Layout[];
  targets: readonly number[];
  values: number;
  at: number;
}

function parseBuckets(text: string): { ok: true; value: number } | { ok: false; problem: string } {
  const t = text.trim();
  const n = Number(t);
  if (!/^\d+$/.test(t) || n < ADVISOR_BUCKETS.min || n > ADVISOR_BUCKETS.max)
    return { ok: false, problem: `buckets must be a whole number from ${ADVISOR_BUCKETS.min} to ${ADVISOR_BUCKETS.max}; got "${t}"` };
  return { ok: true, value: n };
}

export function Advisor(props: {
  logged: Logged | null;
  targets: readonly number[] | null;
  candidate: readonly number[] | null;
  onUse: (bounds: readonly number[], from: string) => void;
}) {
  const { logged, targets } = props;
  const id = useId();
  const [bucketsText, setBucketsText] = useState(String(ADVISOR_BUCKETS.initial));
  const [nice, setNice] = useState(false);
  const [asked, setAsked] = useState<Asked | null>(null);
  const [running, setRunning] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const buckets = parseBuckets(bucketsText);
  const n = logged?.values.length ?? 0;
  const unavailable = n === 0 ? "there are no logged values of this measure to advise on yet" : targets === null ? "fix the target quantiles first" : null;

  function run() {
    if (!buckets.ok || !logged || !targets || n === 0) return;
    const { min, positive, max } = valueRange(logged.values);
    const layouts: Layout[] = [];
    const linear = linearOver(min, max, buckets.value, nice);
    const exponential = exponentialOver(positive, max, buckets.value, nice);
    if (linear) layouts.push({ name: "linear", bounds: linear });
    if (exponential) layouts.push({ name: "exponential", bounds: exponential });
    layouts.push({ name: "defbuckets", bounds: DEF_BUCKETS }, { name: "otel", bounds: OTEL_DEFAULT_BOUNDS });
    if (props.candidate) layouts.push({ name: "candidate", bounds: props.candidate });
    setRunning(true);
    setFailure(null);
    const at = Date.now();
    advise(logged.values, { buckets: buckets.value, quantiles: targets, nice, layouts })
      .then((result) => setAsked({ result, layouts, targets, values: n, at }))
      .catch((e: unknown) => setFailure(e instanceof Error ? e.message : String(e)))
      .finally(() => setRunning(false));
  }

  const advice = asked?.result.advice;
  const rows: { key: string; label: string; bounds: readonly number[]; errors: { q: number; relativeError: number }[]; maxError: number }[] = [];
  if (asked && advice) rows.push({ key: "advice", label: `Advisor (${advice.method})`, bounds: advice.bounds, errors: advice.errors, maxError: advice.maxError });
  if (asked)
    for (const l of asked.result.layouts) {
      const bounds = asked.layouts.find((x) => x.name === l.name)?.bounds ?? [];
      rows.push({ key: l.name, label: LAYOUT_LABELS[l.name] ?? l.name, bounds, errors: l.errors, maxError: l.maxError });
    }

  return (
    <section className="designer-advisor" aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`}>Bucket advisor</h4>
      <p className="designer-hint">
        Bounds that keep the estimates of the target quantiles close to the exact values of what was logged, measured against
        other layouts with as many bounds.
      </p>
      <div className="designer-row">
        <FormField id={`${id}-buckets`} label="Buckets" hint={`${ADVISOR_BUCKETS.min}–${ADVISOR_BUCKETS.max} bounds`} problem={buckets.ok ? undefined : buckets.problem} className="designer-param">
          {(described) => (
            <input
              id={`${id}-buckets`}
              inputMode="numeric"
              autoComplete="off"
              value={bucketsText}
              onChange={(e) => setBucketsText(e.target.value)}
              onKeyDown={(e) => {
                if (e.key !== "Enter") return;
                e.preventDefault(); // Enter here advises; it never applies the candidate
                run();
              }}
              {...described}
            />
          )}
        </FormField>
        <label className="designer-check">
          <input type="checkbox" checked={nice} onChange={(e) => setNice(e.target.checked)} />
          Nice numbers (1-2-5)
        </label>
        <button
          type="button"
          className="button"
          onClick={run}
          disabled={running}
          aria-describedby={unavailable ? `${id}-unavailable` : undefined}
        >
          {running ? "Advising…" : "Advise"}
        </button>
      </div>
      {unavailable && (
        <p id={`${id}-unavailable`} className="designer-hint">
          Not now: {unavailable}.
        </p>
      )}
      {failure && <p className="field-error">The advisor failed: {failure}</p>}
      {asked && asked.result.adviceError && <p className="field-error">The advisor could not answer: {asked.result.adviceError}</p>}
      {asked && (
        <>
          <table className="data-table designer-table designer-advice-table" aria-label="Layouts the advisor measured" data-testid="advisor-table">
            <thead>
              <tr>
                <th scope="col">layout</th>
                <th scope="col">bounds</th>
                {asked.targets.map((q) => (
                  <th key={q} scope="col">
                    {quantileName(q)} error
                  </th>
                ))}
                <th scope="col">largest</th>
                <th scope="col">
                  <span className="designer-sr">use</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key} data-testid={`advisor-row-${r.key}`}>
                  <th scope="row">{r.label}</th>
                  <td title={formatBounds(r.bounds)}>{summarizeBounds(r.bounds)}</td>
                  {asked.targets.map((q) => {
                    const e = r.errors.find((x) => x.q === q);
                    return (
                      <td key={q} data-testid={`advisor-${r.key}-${quantileName(q)}`} data-value={e ? String(e.relativeError) : undefined}>
                        {e ? formatError(e.relativeError) : "—"}
                      </td>
                    );
                  })}
                  <td data-testid={`advisor-${r.key}-largest`} data-value={String(r.maxError)}>
                    {formatError(r.maxError)}
                  </td>
                  <td>
                    {r.key !== "candidate" && (
                      <button type="button" className="button quiet" aria-label={`Use these bounds: ${r.label}`} onClick={() => props.onUse(r.bounds, r.label)}>
                        Use these bounds
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {advice && (
            <p className="designer-method" data-testid="advisor-method" data-method={advice.method}>
              {METHOD_LINES[advice.method]}
            </p>
          )}
          <p className="designer-hint">
            Measured on {formatCount(asked.values, "logged value")} at {formatClock(asked.at)}
            {asked.values !== n ? `; ${formatNumber(n)} are logged now: advise again to measure on them` : ""}.
          </p>
        </>
      )}
    </section>
  );
}
