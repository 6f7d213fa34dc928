// Measures: what is measured (name, description, unit, number type) and measurements of them.
// Rules (opencensus-go stats/measure.go, made stricter):
// - a name is 1–255 printable ASCII characters;
// - a measurement's value is finite (NaN and ±Infinity are refused, not silently dropped);
// - an Int64 measure takes only safe integers (1.5 is an error, not truncated).

import { MeasureError } from "./errors";
import { printableProblem } from "./printable";

/** A measure's number type: any finite float, or safe integers only. */
export type MeasureType = "float64" | "int64";

/** One value of one measure, as `measure.m(value)` makes it: what `stats.record` takes. */
export interface Measurement {
  readonly measure: Measure;
  readonly value: number;
}

/** What is measured: a name, a description, a unit and a number type (see measureFloat64). */
export interface Measure {
  /** 1–255 printable ASCII characters; one name, one measure, in an engine. */
  readonly name: string;
  /** Free text; a view of the measure takes it as its default description. */
  readonly description: string;
  /** UCUM-style unit: "ms", "By", "1", … ("" for none). Prometheus naming converts ms and By. */
  readonly unit: string;
  readonly type: MeasureType;
  /**
   * A measurement of this measure. Throws MeasureError("MEASUREMENT_VALUE") for NaN, ±Infinity,
   * a non-number, or (int64) anything but a safe integer: a value is never silently dropped.
   */
  m(value: number): Measurement;
}

/** The optional parts of a measure, as OpenTelemetry's `createHistogram(name, options)` takes them. */
export interface MeasureOptions {
  /** Free text, default "". */
  description?: string;
  /** UCUM-style unit, printable ASCII, default "" (no unit). */
  unit?: string;
}

function makeMeasure(type: MeasureType, name: string, options: MeasureOptions | undefined): Measure {
  if (options !== undefined && (typeof options !== "object" || options === null))
    throw new MeasureError(
      "MEASURE_NAME",
      `measure ${JSON.stringify(name)}: options must be an object { description, unit }, not ${typeof options}`,
    );
  const description = options?.description ?? "";
  const unit = options?.unit ?? "";
  const problem =
    printableProblem(name, `measure name ${JSON.stringify(name)}`, { allowEmpty: false }) ??
    printableProblem(unit, `unit of measure ${JSON.stringify(name)}`, { allowEmpty: true });
  if (problem) throw new MeasureError("MEASURE_NAME", problem);
  const measure: Measure = {
    name,
    description: String(description ?? ""),
    unit,
    type,
    m:
      type === "int64"
        ? (value) => {
            if (!Number.isSafeInteger(value)) throw badValue(measure, value, "a safe integer");
            return { measure, value };
          }
        : (value) => {
            if (typeof value !== "number" || !Number.isFinite(value))
              throw badValue(measure, value, "a finite number");
            return { measure, value };
          },
  };
  return Object.freeze(measure);
}

function badValue(measure: Measure, value: unknown, rule: string): MeasureError {
  return new MeasureError(
    "MEASUREMENT_VALUE",
    `measure ${JSON.stringify(measure.name)} (${measure.type}) cannot record ${String(value)}; its values must be ${rule}`,
  );
}

/**
 * A measure of any finite number: `measureFloat64("repl/latency", { description, unit: "ms" })`.
 * The name is 1–255 printable ASCII characters and the unit printable ASCII (MeasureError
 * "MEASURE_NAME" otherwise). Registering or recording a second measure with this name but
 * another type or unit is MeasureError "MEASURE_CONFLICT".
 */
export function measureFloat64(name: string, options?: MeasureOptions): Measure {
  return makeMeasure("float64", name, options);
}

/** A measure of safe integers (1.5 is an error, never truncated); otherwise as measureFloat64. */
export function measureInt64(name: string, options?: MeasureOptions): Measure {
  return makeMeasure("int64", name, options);
}

/** Same name means same measure; differing type or unit is a conflict (OpenCensus keeps the first silently). */
export function measureConflict(known: Measure, other: Measure): string | null {
  if (known === other) return null;
  if (known.type === other.type && known.unit === other.unit) return null;
  return `measure ${JSON.stringify(other.name)} is already known as ${known.type} in ${JSON.stringify(known.unit)}; it cannot also be ${other.type} in ${JSON.stringify(other.unit)}`;
}
