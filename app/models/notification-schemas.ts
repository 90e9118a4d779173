import { z } from "zod";
import { RecordIdSchema } from "~/utils/schemas";
import { NOTIFICATION_KINDS } from "./notification-kinds";

export { NOTIFICATION_KINDS, NOTIFICATION_KIND_LABELS } from "./notification-kinds";

/** The notifications list: open one (marked read, then to what it is about), mark one read, or all of them. */
export const NotificationReadSchema = z.discriminatedUnion(
  "intent",
  [z.object({ intent: z.literal("open"), id: RecordIdSchema }), z.object({ intent: z.literal("read"), id: RecordIdSchema }), z.object({ intent: z.literal("read-all") })],
  {
    error: "Choose what to mark as read",
  },
);

/** The kinds a person keeps on (`on[]`, a checkbox per kind; none ticked is none on) and the digest. */
export const NotificationPreferencesSchema = z.object({
  "on[]": z.array(z.enum(NOTIFICATION_KINDS, { error: "Choose from the kinds listed" })).default([]),
  digest: z.literal("on").optional(),
});
