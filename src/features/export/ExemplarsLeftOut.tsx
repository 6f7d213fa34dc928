// Says, in one line, that Prometheus text 0.0.4 cannot carry the exemplars the data holds (only
// OpenMetrics can: OpenMetrics spec, "Exemplars"; the 0.0.4 grammar has no place for them), so a
// person looking for them knows where they went. Rule: shown only with 0.0.4 chosen and at least
// one exemplar in the data the text was written from.
import { useMemo } from "react";
import { usePlayground } from "../../store";

export function ExemplarsLeftOut(props: { text: string }) {
  const stats = usePlayground((s) => s.stats);
  // The text changes whenever the data it was written from does (at most every 200 ms).
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const any = useMemo(() => stats.snapshot().some((vd) => vd.rows.some((r) => hasExemplar(r.data))), [stats, props.text]);
  if (!any) return null;
  return (
    <p className="export-left-out" data-testid="exemplars-left-out">
      Exemplars left out: Prometheus text 0.0.4 cannot carry them; choose OpenMetrics 1.0 to see them.
    </p>
  );
}

function hasExemplar(data: { type: string; exemplars?: unknown[]; exemplar?: unknown }): boolean {
  return data.exemplar !== undefined || (data.exemplars !== undefined && data.exemplars.some((e) => e !== undefined));
}
