import type { LoaderFunctionArgs } from "@remix-run/node";
import { loadSubjectAccessDownload } from "~/models/subject-access-download.server";

/** The subject access export as JSON, the shape in app/models/subject-access-shape.ts (the service manager; audited each time). */
export async function loader(args: LoaderFunctionArgs) {
  const { made, name } = await loadSubjectAccessDownload(args, "json");
  return new Response(JSON.stringify(made, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
