import { db } from "~/utils/db.server";

let cached: { at: number; demo: boolean } | null = null;

/**
 * Whether this installation holds the seeded demo service, for pages nobody is signed in to (the
 * sign-in page of a demo says so too). Asked at most once a minute: it changes only when the demo
 * is seeded, on an empty database at start-up.
 */
export async function hasDemoService(now = Date.now()): Promise<boolean> {
  if (cached && now - cached.at < 60_000) return cached.demo;
  const demo = (await db.service.count({ where: { demo: true } })) > 0;
  cached = { at: now, demo };
  return demo;
}
