import type { AgreementChangedPayload } from "~/realtime/protocol";

/** The case room's newest agreement notice (the page has already reloaded its data). */
export function AgreementBanner({ notice, onDismiss }: { notice: AgreementChangedPayload | null; onDismiss: () => void }) {
  if (!notice) return null;
  const tone = notice.change === "changes_requested" ? "warn" : "info";
  return (
    <div className={`alert ${tone} agreement-banner row`} role="alert" data-testid="agreement-banner">
      <span>{notice.message}</span>
      <button type="button" className="secondary" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
