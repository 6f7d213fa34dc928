// The classic distributions beside an exponential histogram view: the registered Distribution
// views of the same measure, with their p50/p90/p99 estimates over all their rows, for the
// exponential card's accuracy comparison.
// Rules: a peer is a registered view of the same measure (by name) with a distribution
// aggregation; its estimates are PromQL's histogram_quantile over all its rows combined
// (summarizeDistribution, as its own card shows them), in the measure's unit; the list follows
// the data at most once per EXACT_REFRESH_MS (as the exact quantiles it is compared against) and
// the registered views (a design applied or deleted, a preset switch).
import { useMemo } from "react";
import type { View } from "../../engine";
import { useThrottled } from "../../components/useThrottled";
import { selectDataVersion, usePlayground, usePlaygroundInTransition } from "../../store";
import { type DistributionSummary, summarizeDistribution } from "./summary";
import { EXACT_REFRESH_MS } from "./useExact";

export interface ClassicPeer {
  name: string;
  bounds: readonly number[];
  summary: DistributionSummary;
}

export function useClassicPeers(view: View): ClassicPeer[] {
  const stats = usePlayground((s) => s.stats);
  const designs = usePlayground((s) => s.designs);
  const presetId = usePlayground((s) => s.presetId);
  const version = useThrottled(usePlaygroundInTransition(selectDataVersion), EXACT_REFRESH_MS);
  return useMemo(() => {
    // The keys say when to look again; the views and their data are read from the engine.
    void version;
    void designs;
    void presetId;
    const peers: ClassicPeer[] = [];
    for (const other of stats.views()) {
      if (other.measure.name !== view.measure.name || other.aggregation.type !== "distribution") continue;
      const data = stats.viewData(other.name);
      if (!data) continue;
      peers.push({ name: other.name, bounds: other.aggregation.bounds, summary: summarizeDistribution(other.aggregation.bounds, data.rows) });
    }
    return peers;
  }, [stats, view, version, designs, presetId]);
}
