import { useEffect } from "react";

/**
 * Deletes this browser's IndexedDB copies (`circle:<name>`, use-collab-document.ts) of collab
 * documents whose case was disposed of. The root loader hands every signed-in staff page the names
 * (ids only, never content); a tablet that held a copy deletes it the next time it opens Circle.
 * Only existing databases are deleted when the browser can list them; otherwise each name is
 * deleted blindly, which is a no-op for a database that does not exist. Apart from the collab
 * hook so every page can run it without downloading Yjs.
 */
export async function forgetDisposedDocuments(names: readonly string[]): Promise<string[]> {
  if (names.length === 0 || typeof indexedDB === "undefined") return [];
  const wanted = new Set(names.map((n) => `circle:${n}`));
  const present = typeof indexedDB.databases === "function" ? (await indexedDB.databases()).flatMap((d) => (d.name && wanted.has(d.name) ? [d.name] : [])) : [...wanted];
  await Promise.all(
    present.map(
      (name) =>
        new Promise<void>((resolve) => {
          const request = indexedDB.deleteDatabase(name);
          // "blocked": a tab still has it open; the deletion completes when that tab lets go.
          request.onsuccess = request.onerror = request.onblocked = () => resolve();
        }),
    ),
  );
  return present;
}

/** Runs forgetDisposedDocuments whenever the list changes (the root loader revalidates on every navigation). */
export function useForgetDisposedDocuments(names: readonly string[] | null | undefined) {
  const key = names?.join("\n") ?? "";
  useEffect(() => {
    if (key) void forgetDisposedDocuments(key.split("\n"));
  }, [key]);
}
