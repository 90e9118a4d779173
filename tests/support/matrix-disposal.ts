import type { RouteRow } from "./matrix";

/**
 * Authorization-matrix rows for legal holds and disposal, spread into ROUTE_MATRIX: the service
 * manager's alone. Every POST body is invalid, so no cell holds or disposes of a case; the
 * certificate cell names a disposal that does not exist (tests/integration/disposal.test.ts
 * downloads a real one and checks the other roles are refused it).
 */
const everyone = (value: number) => ({ anonymous: value, admin: value, supervisor: value, lead: value, co: value, other: value, letterAuthor: value });
const adminOnly = (value: number) => ({ ...everyone(404), anonymous: 302, admin: value });

export const DISPOSAL_ROUTES: Record<string, RouteRow> = {
  // No intent and no case: the manager gets as far as validation (400), everyone else 404 before it.
  "routes/admin.disposals": {
    pattern: "/admin/disposals",
    exports: { loader: true, action: true },
    get: { expect: adminOnly(200) },
    post: { body: {}, expect: adminOnly(400) },
  },
  "routes/admin.disposals.$disposalId.certificate[.]pdf": {
    pattern: "/admin/disposals/:disposalId/certificate.pdf",
    exports: { loader: true, action: false },
    get: { path: "/admin/disposals/cnosuchdisposal0000000001/certificate.pdf", expect: adminOnly(404) },
    post: { path: "/admin/disposals/cnosuchdisposal0000000001/certificate.pdf", body: {}, expect: everyone(405) },
  },
};
