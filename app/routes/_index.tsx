import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getUser } from "~/utils/auth.server";

export async function loader({ context }: LoaderFunctionArgs) {
  return redirect((await getUser(context)) ? "/cases" : "/login");
}
