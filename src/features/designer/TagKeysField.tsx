// The candidate's tag keys: pick existing keys (those of the registered views and of the
// measure's logged tag sets) or add a new one.
// Rules: a checkbox per known key, in a labelled group; keys are kept in the order they were
// chosen (the order the view's rows are keyed by, said under the group); a new key is checked with
// the engine's rules (its TagError message at the New tag key field) and is chosen once added;
// Enter in the New tag key field adds it (it never applies the view); the group's problem (the
// engine's rules for keys together: exposed as one label, `le` in a histogram) shows under it.
import { useState } from "react";
import { FormField } from "../../components/FormField";
import { tagKey } from "../../engine";

export function TagKeysField(props: {
  id: string;
  chosen: readonly string[];
  /** Keys to offer, besides the chosen ones. */
  known: readonly string[];
  problem: string | undefined;
  onChange: (keys: string[]) => void;
}) {
  const { id, chosen, problem } = props;
  const [added, setAdded] = useState<string[]>([]);
  const [newKey, setNewKey] = useState("");
  const [newKeyProblem, setNewKeyProblem] = useState<string | undefined>(undefined);
  const options = [...new Set([...props.known, ...added, ...chosen])].sort();
  const problemId = `${id}-group-problem`;

  function add() {
    const name = newKey;
    try {
      tagKey(name);
    } catch (e) {
      setNewKeyProblem(e instanceof Error ? e.message : String(e));
      return;
    }
    if (chosen.includes(name)) {
      setNewKeyProblem(`tag key ${JSON.stringify(name)} is already chosen`);
      return;
    }
    setAdded((a) => [...a, name]);
    props.onChange([...chosen, name]);
    setNewKey("");
    setNewKeyProblem(undefined);
  }

  return (
    <fieldset className="designer-keys" aria-describedby={problem ? problemId : undefined} aria-invalid={problem ? true : undefined}>
      <legend>Tag keys</legend>
      {options.length === 0 ? (
        <p className="designer-hint">No tag keys are known yet: add one below, or keep none (one row).</p>
      ) : (
        <div className="designer-key-options">
          {options.map((k) => (
            <label key={k} className="designer-check">
              <input
                type="checkbox"
                checked={chosen.includes(k)}
                onChange={(e) => props.onChange(e.target.checked ? [...chosen, k] : chosen.filter((c) => c !== k))}
              />
              <code>{k}</code>
            </label>
          ))}
        </div>
      )}
      <p className="designer-hint">
        {chosen.length === 0 ? "No key chosen: the view has one row." : `Rows are keyed by ${chosen.join(", ")} (in the order chosen).`}
      </p>
      {problem && (
        <p id={problemId} className="field-error">
          {problem}
        </p>
      )}
      <div className="designer-row">
        <FormField id={id} label="New tag key" problem={newKeyProblem} hint="1–255 printable ASCII characters">
          {(described) => (
            <input
              id={id}
              value={newKey}
              spellCheck={false}
              autoComplete="off"
              onChange={(e) => {
                setNewKey(e.target.value);
                setNewKeyProblem(undefined);
              }}
              onKeyDown={(e) => {
                if (e.key !== "Enter") return;
                e.preventDefault(); // Enter here adds the key; it does not apply the view
                add();
              }}
              {...described}
            />
          )}
        </FormField>
        <button type="button" className="button" onClick={add}>
          Add key
        </button>
      </div>
    </fieldset>
  );
}
