// Whether the pointer is over an element, for charts that mount their tooltip only then.
// Why: a Recharts <Tooltip> re-renders with every redraw of its chart, shown or not; while data
// streams in, nobody hovering, that is work on every update (and a sixth of the first draw's
// task when a stream starts). Mounted on pointer entry, it shows at the next pointer move.
import { useMemo, useState } from "react";

export interface PointerInside {
  inside: boolean;
  handlers: { onPointerEnter: () => void; onPointerLeave: () => void };
}

export function usePointerInside(): PointerInside {
  const [inside, setInside] = useState(false);
  const handlers = useMemo(() => ({ onPointerEnter: () => setInside(true), onPointerLeave: () => setInside(false) }), []);
  return { inside, handlers };
}
