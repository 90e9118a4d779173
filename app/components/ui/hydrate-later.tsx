import { Suspense, useState, type ReactNode } from "react";

/**
 * A folded panel (a closed `<details>`: edit a participant, record an answer, log a contact) that
 * the server renders in full but React brings to life after the rest of the page.
 *
 * A Suspense boundary is where React 18 splits hydration: it commits the page around the boundary
 * first and hydrates what is inside when the main thread is free, or at once when a tap, key or
 * click lands inside. The panel's `<summary>` is inside, so opening the panel hydrates it before it
 * opens, and nothing chosen in it can be reset by a late hydration. The case page folds two dozen
 * forms; hydrating them all up front kept a tablet from answering a tap for most of a second.
 *
 * A panel that is open when the page loads (`unless`) is hydrated with the page: its fields are in
 * view and may be used straight away. The choice is made once, on the first render, so the tree
 * keeps its shape and nothing typed is lost when the panel opens or closes later. Nothing inside
 * suspends, so after the first load this is an ordinary render.
 */
export function HydrateLater({ unless, children }: { unless?: boolean; children: ReactNode }) {
  const [now] = useState(Boolean(unless));
  return now ? <>{children}</> : <Suspense fallback={null}>{children}</Suspense>;
}
