import { useFetcher } from "@remix-run/react";
import { useEffect, useRef } from "react";
import type { FormResult } from "~/utils/forms.server";

/**
 * A fetcher for one case-screen form: its field errors, its confirmation, whether it is saving,
 * and a ref that resets the form after a success (for "add" forms that should start empty again).
 */
export function usePeopleFetcher(opts: { resetOnSuccess?: boolean; key?: string } = {}) {
  const fetcher = useFetcher<FormResult>(opts.key ? { key: opts.key } : undefined);
  const formRef = useRef<HTMLFormElement>(null);
  const data = fetcher.data;
  const busy = fetcher.state !== "idle";
  useEffect(() => {
    if (opts.resetOnSuccess && fetcher.state === "idle" && data?.ok) formRef.current?.reset();
  }, [opts.resetOnSuccess, fetcher.state, data]);
  const errors = data && !data.ok ? data.errors : {};
  const hasFieldErrors = Object.keys(errors).some((k) => k !== "form");
  return {
    fetcher,
    formRef,
    busy,
    errors,
    done: !busy && data?.ok ? data.done : undefined,
    /** The form-level error, or a pointer to the fields when only they are wrong. */
    formError: errors.form ?? (hasFieldErrors ? "Some answers need changing: see the messages below." : undefined),
  };
}

/** The case-screen URL a people form posts to. */
export const peopleAction = (caseId: string, what: "participants" | "consent" | "contacts") => `/cases/${caseId}/${what}`;

/** Removal confirmations outlive the removed card, so the section reads this shared fetcher. */
export const REMOVE_FETCHER = "people-remove";
