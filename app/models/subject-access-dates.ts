/**
 * The statutory clock of a subject access request, apart from the forms so the browser can import
 * it. The answer is due one calendar month after the day the request was received; when the next
 * month has no such day (received on 31 January), it is due on that month's last day, as the
 * Information Commissioner's guidance counts it.
 */
export function subjectAccessDueOn(receivedOn: string): string {
  const [y, m, d] = receivedOn.split("-").map(Number) as [number, number, number];
  const lastOfNext = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const due = new Date(Date.UTC(y, m, Math.min(d, lastOfNext)));
  return due.toISOString().slice(0, 10);
}
