/**
 * What a person may do with one collab document, as every document kind's access check answers it
 * (`getCollabAccess`, `agreementCollabLevel`, `letterCollabLevel`). A leaf of its own, so that those
 * checks and the module that dispatches between them need not import each other for the type.
 */
export type CollabAccess = { level: "write" | "read"; caseId: string };
