import { useRevalidator } from "@remix-run/react";
import { useEffect } from "react";

/**
 * Letter authors have no Socket.IO, so the letter pages refresh their data (status, comments,
 * suggestions) every few seconds while visible. The letter text itself is live over collab.
 */
export function usePollRevalidate(ms = 5000) {
  const { revalidate, state } = useRevalidator();
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === "visible" && state === "idle") revalidate();
    }, ms);
    return () => clearInterval(timer);
  }, [ms, revalidate, state]);
}
