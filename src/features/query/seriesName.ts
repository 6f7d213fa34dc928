// How the console names a series, as Prometheus's UI does: `name{a="x", b="y"}`, labels sorted,
// values quoted with `\` and `"` escaped; a series without labels is `{}`.

export function seriesName(metric: Readonly<Record<string, string>>): string {
  const name = metric.__name__ ?? "";
  const labels = Object.keys(metric)
    .filter((k) => k !== "__name__")
    .sort()
    .map((k) => `${k}="${metric[k]!.replace(/[\\"]/g, (c) => "\\" + c).replace(/\n/g, "\\n")}"`)
    .join(", ");
  return labels || !name ? `${name}{${labels}}` : name;
}

/** A value as Prometheus's UI prints it: Go-like NaN and ±Inf, else the shortest round-trip form. */
export function sampleValue(v: number): string {
  if (Number.isNaN(v)) return "NaN";
  if (v === Infinity) return "+Inf";
  if (v === -Infinity) return "-Inf";
  return String(v);
}
