import { expect } from "vitest";
import { serviceDate } from "~/models/case-record-dates";
import type { SubjectAccessExport } from "~/models/subject-access-shape";
import type { TestClient } from "./http";
import { pdfText } from "./pdf-text";

/** PDF text with its line breaks and spacing folded, so a phrase is found wherever the page wrapped it. */
export const flat = (text: string) => text.replace(/\s+/g, " ");

/**
 * The manager records a new subject access request for someone on the case and downloads its export
 * for review: the JSON as sent and parsed, and the PDF's text.
 */
export async function exportFor(manager: TestClient, caseId: string, participantId: string) {
  const res = await manager.post(`/admin/cases/${caseId}/subject-access?index`, { participantId, requestedBy: "By email", receivedOn: serviceDate() });
  expect(res.status).toBe(302);
  const base = res.headers.get("Location")!;
  const json = await (await manager.get(`${base}/json`)).text();
  const pdfRes = await manager.get(`${base}/pdf`);
  expect(pdfRes.status).toBe(200);
  return { json, data: JSON.parse(json) as SubjectAccessExport, pdf: flat(await pdfText(new Uint8Array(await pdfRes.arrayBuffer()))) };
}
