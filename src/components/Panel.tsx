// A titled panel of the page: a <section> labelled by its heading, with optional actions.
import type { ReactNode } from "react";
import { useId } from "react";

export function Panel(props: { title: string; actions?: ReactNode; children: ReactNode; className?: string }) {
  const id = useId();
  return (
    <section className={`panel ${props.className ?? ""}`} aria-labelledby={id}>
      <header className="panel-header">
        <h2 id={id}>{props.title}</h2>
        {props.actions && <div className="panel-actions">{props.actions}</div>}
      </header>
      {props.children}
    </section>
  );
}
