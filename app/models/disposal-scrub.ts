/**
 * What a disposed case's audit entries keep of their details (pure; app/models/disposal.server.ts).
 * Details are JSON the code wrote, mostly codes, counts, times and ids, but some carry words a
 * person typed or a name (a closure note, a cancellation reason, the username tried at sign-in).
 * Rather than list the keys that may hold free text (a list the next feature forgets to extend),
 * a string is kept only when its shape says it is not free text: a code ("PROCEED", "case.view"),
 * a record id, a time, a number. Anything else becomes the case's tombstone reference, so an entry
 * still says that something was there.
 */
const KEEP = [
  /^[A-Z][A-Z0-9_]{0,40}$/, // an enumeration value
  /^[a-z][a-z0-9]*([.-][a-z0-9]+)*$/, // a code or intent ("pdf", "write", "request-changes"); at most 40 characters, below
  /^c[a-z0-9]{20,31}$/, // a record id
  /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/, // a day or a time
  /^-?\d+(\.\d+)?$/, // a number
];

/** Words that have the shape of a code but are details of a person: never kept, whatever their shape. */
const PERSONAL_KEYS = new Set(["email", "login", "username", "name", "note", "closureNote", "reason", "text", "quote", "body", "sharedWith", "filters"]);

function keep(key: string, value: string): boolean {
  if (PERSONAL_KEYS.has(key)) return value === "";
  return value.length <= 40 && KEEP.some((pattern) => pattern.test(value));
}

function scrubValue(key: string, value: unknown, tombstone: string): unknown {
  if (typeof value === "string") return keep(key, value) ? value : tombstone;
  if (Array.isArray(value)) return value.map((v) => scrubValue(key, v, tombstone));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubValue(k, v, tombstone)]));
  return value;
}

/** The details JSON with every string that may be free text replaced by `tombstone`; unreadable JSON becomes `{}`. */
export function scrubAuditDetails(detailsJson: string, tombstone: string): string {
  let details: unknown;
  try {
    details = JSON.parse(detailsJson);
  } catch {
    return "{}";
  }
  if (!details || typeof details !== "object") return "{}";
  return JSON.stringify(scrubValue("", details, tombstone));
}
