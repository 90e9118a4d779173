import { z } from "zod";

/** Every environment variable Circle reads, with its default. README "Configuration" mirrors this. */
const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATABASE_URL: z.string().startsWith("file:").default("file:./data/circle.db"),
  /** Extra origins allowed to open sockets (comma-separated). The server's own origin is always allowed. */
  ALLOWED_ORIGINS: z.string().default(""),
  /** Set when Circle runs behind an https proxy: cookies get Secure and X-Forwarded-* is trusted. */
  TRUST_PROXY: z.enum(["0", "1"]).default("0"),
  /** "0": never seed the demo. Unset or "1": seed it on an empty database, unless deployed (TRUST_PROXY=1). */
  SEED_DEMO: z.preprocess((v) => (v === "" ? undefined : v), z.enum(["0", "1"]).optional()),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
});

export type Env = z.infer<typeof EnvSchema>;

let cached: Env | undefined;

/** Parsed once, on first use (tests set process.env before the server starts). */
export function getEnv(): Env {
  if (cached) return cached;
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n  ${problems.join("\n  ")}`);
  }
  cached = parsed.data;
  return cached;
}

/** The database file path from DATABASE_URL ("file:./data/circle.db" → "./data/circle.db"). */
export function databaseFilePath(url = getEnv().DATABASE_URL): string {
  return url.replace(/^file:/, "");
}

/**
 * Whether `npm start` seeds the demo service on an empty database. Never when deployed
 * (TRUST_PROXY=1, the README's deployment setting): a deployment must not create a manager whose
 * password is published in the README. A service there starts with `npm run setup`.
 */
export function seedsDemo(env: Env = getEnv()): boolean {
  return env.SEED_DEMO !== "0" && env.TRUST_PROXY !== "1";
}
