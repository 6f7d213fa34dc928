// The list of measures: name, type, unit and description of each; the preset's marked as such.
// Rules: every row has a Delete button (the store refuses the preset's and any a view uses, and
// the refusal shows under that row, tied to its button); after a delete, focus goes to the next
// row's Delete button, else the previous one's, else `focusAfterLast` — never to <body>.
import { type RefObject, useId, useLayoutEffect, useRef } from "react";
import type { MeasureInfo } from "../../store";

export function MeasureList(props: {
  measures: readonly MeasureInfo[];
  refusal: { name: string; reason: string } | null;
  /** Deletes the measure, or shows why not; true when it was deleted. */
  onDelete: (name: string) => boolean;
  focusAfterLast: RefObject<HTMLElement | null>;
}) {
  const { measures, refusal } = props;
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  /** After a delete: the row whose button takes focus once the list has rendered (null: the form). */
  const focusNext = useRef<{ name: string | null } | null>(null);
  const idPrefix = useId();
  const { focusAfterLast } = props;

  useLayoutEffect(() => {
    const target = focusNext.current;
    if (!target) return;
    focusNext.current = null;
    const button = target.name === null ? undefined : buttons.current.get(target.name);
    (button ?? focusAfterLast.current)?.focus();
  }, [measures, focusAfterLast]);

  function remove(index: number) {
    const name = measures[index]!.name;
    if (!props.onDelete(name)) return;
    focusNext.current = { name: measures[index + 1]?.name ?? measures[index - 1]?.name ?? null };
  }

  return (
    <ul className="entry-list" aria-label="Known measures">
      {measures.map((m, i) => {
        const refused = refusal?.name === m.name ? refusal.reason : null;
        const reasonId = `${idPrefix}-refused-${i}`;
        return (
          <li key={m.name} className="entry" data-testid={`measure-${m.name}`}>
            <div className="entry-head">
              <code className="entry-name">{m.name}</code>
              <span className="measures-badge">{m.type}</span>
              <span className="measures-badge">{m.unit ? `unit ${m.unit}` : "no unit"}</span>
              {m.preset && <span className="measures-badge measures-badge-preset">preset’s</span>}
              <button
                type="button"
                className="button quiet measures-delete"
                aria-label={`Delete measure ${m.name}`}
                aria-describedby={refused ? reasonId : undefined}
                ref={(el) => {
                  if (el) buttons.current.set(m.name, el);
                  else buttons.current.delete(m.name);
                }}
                onClick={() => remove(i)}
              >
                Delete
              </button>
            </div>
            {m.description && <p className="entry-note">{m.description}</p>}
            {refused && (
              <p id={reasonId} className="field-error" role="alert">
                {refused}
              </p>
            )}
          </li>
        );
      })}
    </ul>
  );
}
