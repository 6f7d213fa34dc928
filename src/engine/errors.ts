// Typed errors of the stats engine.
// Rule: every error names the offending thing and the rule it broke, so a person can fix
// their input from the message alone. One base class with a machine-readable `code`;
// subclasses exist so callers can `instanceof` by concept (tags, measures, views).

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
  | "REPORTING_PERIOD"
  | "NAMESPACE"
  | "QUANTILE";

export class StatsError extends Error {
  readonly code: StatsErrorCode;
  constructor(code: StatsErrorCode, message: string) {
    super(message);
    this.name = "StatsError";
    this.code = code;
  }
}

export class TagError extends StatsError {
  constructor(code: "TAG_KEY" | "TAG_VALUE", message: string) {
    super(code, message);
    this.name = "TagError";
  }
}

export class MeasureError extends StatsError {
  constructor(code: "MEASURE_NAME" | "MEASURE_CONFLICT" | "MEASUREMENT_VALUE", message: string) {
    super(code, message);
    this.name = "MeasureError";
  }
}

export class ViewError extends StatsError {
  constructor(
    code: "VIEW_NAME" | "VIEW_DEFINITION" | "VIEW_CONFLICT" | "BOUNDS",
    message: string,
  ) {
    super(code, message);
    this.name = "ViewError";
  }
}
