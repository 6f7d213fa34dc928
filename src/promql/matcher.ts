// Label matchers (model/labels/matcher.go at v2.42.0): =, !=, =~, !~ on one label's value, where
// an absent label reads as "". Rule: a regular expression is anchored as Prometheus anchors it,
// `^(?:…)$`, and must parse both anchored and alone (labels.NewFastRegexMatcher compiles the one
// and parses the other), with RE2's meaning (regexp.ts).

import { checkRe2, translateRe2 } from "./regexp";

/** The four matcher operators. */
export type MatchType = "=" | "!=" | "=~" | "!~";

/** One label matcher; `matches` takes the label's value ("" when absent). */
export interface Matcher {
  readonly type: MatchType;
  readonly name: string;
  readonly value: string;
  matches(labelValue: string): boolean;
}

/**
 * A matcher, as labels.NewMatcher builds it. Throws Re2Error for a pattern Go refuses and
 * Re2Unsupported for one that cannot be reproduced exactly in JavaScript.
 */
export function newMatcher(type: MatchType, name: string, value: string): Matcher {
  switch (type) {
    case "=":
      return { type, name, value, matches: (v) => v === value };
    case "!=":
      return { type, name, value, matches: (v) => v !== value };
    case "=~":
    case "!~": {
      const anchored = `^(?:${value})$`;
      checkRe2(anchored);
      checkRe2(value);
      const { regexp } = translateRe2(anchored, false);
      return type === "=~"
        ? { type, name, value, matches: (v) => regexp.test(v) }
        : { type, name, value, matches: (v) => !regexp.test(v) };
    }
  }
}
