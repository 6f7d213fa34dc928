// Measures: what is measured (name, description, unit, number type) and measurements of them.
// Rules (opencensus-go stats/measure.go, made stricter):
// - a name is 1–255 printable ASCII characters;
// - a measurement's value is finite (NaN and ±Infinity are refused, not silently dropped);
// - an Int64 measure takes only safe integers (1.5 is an error, not truncated).

import { MeasureError } from "./errors";
import { printableProblem } from "./printable";

export type MeasureType = "float64" | "int64";

export interface Measurement {
  readonly measure: Measure;
  readonly value: number;
}

export interface Measure {
  readonly name: string;
  readonly description: string;
  /** UCUM-style unit: "ms", "By", "1", … */
  readonly unit: string;
  readonly type: MeasureType;
  /** A measurement of this measure; throws MeasureError for an invalid value. */
  m(value: number): Measurement;
}

function makeMeasure(type: MeasureType, name: string, description: string, unit: string): Measure {
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

export function measureFloat64(name: string, description: string, unit: string): Measure {
  return makeMeasure("float64", name, description, unit);
}

export function measureInt64(name: string, description: string, unit: string): Measure {
  return makeMeasure("int64", name, description, unit);
}

/** Same name means same measure; differing type or unit is a conflict (OpenCensus keeps the first silently). */
export function measureConflict(known: Measure, other: Measure): string | null {
  if (known === other) return null;
  if (known.type === other.type && known.unit === other.unit) return null;
  return `measure ${JSON.stringify(other.name)} is already known as ${known.type} in ${JSON.stringify(known.unit)}; it cannot also be ${other.type} in ${JSON.stringify(other.unit)}`;
}
