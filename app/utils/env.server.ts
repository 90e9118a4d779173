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
  SEED_DEMO: z.enum(["0", "1"]).default("1"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  /**
   * A session ends after this long without activity (30 minutes). The page warns a quarter of it,
   * at most 2 minutes, before. Tests shorten it to watch the warning without waiting half an hour.
   */
  SESSION_IDLE_SECONDS: z.coerce.number().int().min(10).max(12 * 60 * 60).default(30 * 60),
  /**
   * Sign-in throttling: the wait after the first failure beyond a budget's allowance; each further
   * failure doubles it (up to 15 minutes). Tests raise it so a wait cannot pass while they look.
   */
  SIGN_IN_FIRST_WAIT_MS: z.coerce.number().int().min(100).max(60 * 60 * 1000).default(1000),
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
