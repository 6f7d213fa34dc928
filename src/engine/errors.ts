// Typed errors of the stats engine.
// Rule: every error names the offending thing and the rule it broke, so a person can fix
// their input from the message alone. One base class with a machine-readable `code`;
// subclasses exist so callers can `instanceof` by concept (tags, measures, views).

/** What went wrong, for programs: every error of the engine carries one. */
export type StatsErrorCode =
  | "TAG_KEY"
  | "TAG_VALUE"
  | "TAG_MAP"
  | "MEASURE_NAME"
  | "MEASURE_CONFLICT"
  | "MEASUREMENT_VALUE"
  | "BOUNDS"
  | "BUCKETS"
  | "VIEW_NAME"
  | "VIEW_DEFINITION"
  | "VIEW_CONFLICT"
  | "ROW_LIMIT"
  | "REPORTING_PERIOD"
  | "NAMESPACE"
  | "QUANTILE"
  | "EXEMPLAR"
  | "LOG";

/** An error of the engine: `code` says which rule was broken, the message names the thing and the rule. */
export class StatsError extends Error {
  readonly code: StatsErrorCode;
  constructor(code: StatsErrorCode, message: string) {
    super(message);
    this.name = "StatsError";
    this.code = code;
  }
}

/** An invalid tag key ("TAG_KEY") or tag value ("TAG_VALUE"). */
export class TagError extends StatsError {
  constructor(code: "TAG_KEY" | "TAG_VALUE", message: string) {
    super(code, message);
    this.name = "TagError";
  }
}

/** An invalid measure name or unit, a conflicting measure, or an invalid measurement value. */
export class MeasureError extends StatsError {
  constructor(code: "MEASURE_NAME" | "MEASURE_CONFLICT" | "MEASUREMENT_VALUE", message: string) {
    super(code, message);
    this.name = "MeasureError";
  }
}

/** An invalid view name, definition or bounds, or a view conflicting with one registered. */
export class ViewError extends StatsError {
  constructor(
    code: "VIEW_NAME" | "VIEW_DEFINITION" | "VIEW_CONFLICT" | "BOUNDS" | "ROW_LIMIT",
    message: string,
  ) {
    super(code, message);
    this.name = "ViewError";
  }
}
