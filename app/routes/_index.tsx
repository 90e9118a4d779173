import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getUser, homeFor } from "~/utils/auth.server";

export async function loader({ context }: LoaderFunctionArgs) {
  const user = await getUser(context);
  return redirect(user ? homeFor(user) : "/login");
}
