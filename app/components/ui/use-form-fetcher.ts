import { useFetcher } from "@remix-run/react";
import { useEffect, useLayoutEffect, useRef } from "react";
import type { FieldErrors } from "~/utils/schemas";

/** What a fetcher form's action answers (app/utils/forms.server.ts): field errors, or a confirmation. */
export type FormAnswer = { ok: false; errors: FieldErrors; intent?: string } | { ok: true; done: string; intent?: string; id?: string };

/**
 * One fetcher form's state, the same on every screen: `busy` while it is sent, the field `errors`
 * of the last answer, the `done` sentence of the last success, and `formError` for the message
 * above the button (the form's own error, or a pointer to the fields when only they are wrong).
 * `key` shares one fetcher between components (a form and the message shown elsewhere);
 * `resetOnSuccess` empties the form behind `formRef` after a success ("add" forms start afresh);
 * `successKey`, as a form's React key, starts it afresh with its own state too.
 * `data` is the whole answer, for the extra fields some actions send (a refusal's `reasons`).
 */
/** A layout effect in the browser; on the server, where there is no layout, nothing (and no warning). */
const useBrowserLayoutEffect = typeof document === "undefined" ? useEffect : useLayoutEffect;

export function useFormFetcher<T extends FormAnswer = FormAnswer>(opts: { key?: string; resetOnSuccess?: boolean } = {}) {
  const fetcher = useFetcher<T>(opts.key ? { key: opts.key } : undefined);
  const formRef = useRef<HTMLFormElement>(null);
  const data = fetcher.data as FormAnswer | undefined;
  // Emptied once per success, as the answer arrives and before it is painted, not when the page's
  // data has been reloaded after it: by then the person may already have chosen the next answer in
  // the same form (recording a second consent straight after the first), and a late reset would
  // silently send that choice as blank.
  const resetFor = useRef<unknown>(null);
  useBrowserLayoutEffect(() => {
    if (!opts.resetOnSuccess || !data?.ok || fetcher.state === "submitting" || resetFor.current === data) return;
    resetFor.current = data;
    formRef.current?.reset();
  }, [opts.resetOnSuccess, fetcher.state, data]);
  // Counts the successes, one per answer: a form keyed on it starts afresh after each, even when two
  // successes say the same sentence (keyed on `done`, the second "Comment added" left the text in the box).
  const successes = useRef<{ data: unknown; count: number }>({ data: null, count: 0 });
  if (data?.ok && successes.current.data !== data) successes.current = { data, count: successes.current.count + 1 };
  const errors: FieldErrors = data && !data.ok ? data.errors : {};
  const hasFieldErrors = Object.keys(errors).some((k) => k !== "form");
  return {
    fetcher,
    formRef,
    data: fetcher.data,
    busy: fetcher.state !== "idle",
    errors,
    done: data?.ok ? data.done : undefined,
    successKey: successes.current.count,
    formError: errors.form ?? (hasFieldErrors ? "Some answers need changing: see the messages below." : undefined),
  };
}
