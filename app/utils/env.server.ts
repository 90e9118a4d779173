import { z } from "zod";

/**
 * Where the tests may make the real server fail on purpose (CIRCLE_FAULTS, server/faults.ts): the
 * collab store's group commit, compaction and journal sweep, the WAL checkpointer, and two throws
 * outside every contained path (from a timer, and a promise rejected with no handler).
 */
export const FAULT_POINTS = ["append", "compaction", "sweep", "checkpoint", "timer", "rejection"] as const;
export type FaultPoint = (typeof FAULT_POINTS)[number];

/** Every environment variable Circle reads, with its default. README "Configuration" mirrors this. */
const EnvSchema = z
  .object({
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
    /**
     * A session ends after this long without activity (30 minutes). The page warns a quarter of it,
     * at most 2 minutes, before. Tests shorten it to watch the warning without waiting half an hour.
     */
    SESSION_IDLE_SECONDS: z.coerce
      .number()
      .int()
      .min(10)
      .max(12 * 60 * 60)
      .default(30 * 60),
    /**
     * Sign-in throttling: the wait after the first failure beyond a budget's allowance; each further
     * failure doubles it (up to 15 minutes). Tests raise it so a wait cannot pass while they look.
     */
    SIGN_IN_FIRST_WAIT_MS: z.coerce
      .number()
      .int()
      .min(100)
      .max(60 * 60 * 1000)
      .default(1000),
    /**
     * How often the retention job looks for closed cases that reached their disposal date (it also
     * runs once at start). An hour is plenty: a date is a day, and nothing is disposed of without a review.
     */
    RETENTION_CHECK_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(60),
    /**
     * How often the notification job looks for deadlines (next contact, Victims' Code, agreement
     * terms) and sends the day's email digests (it also runs once at start). Each deadline is told
     * once whatever the interval; 15 minutes keeps "due today" close to the morning.
     */
    NOTIFICATION_CHECK_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(15),
    /**
     * The optional daily email digest ("You have N new notifications in Circle", never a case
     * detail): off unless SMTP_HOST is set. No authentication or STARTTLS is asked for: point it
     * at the service's own relay. SMTP_FROM is required with it.
     */
    SMTP_HOST: z.string().default(""),
    SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(25),
    SMTP_FROM: z.string().default(""),
    /** The address staff open Circle at, for the digest's link (default: this server on localhost). */
    PUBLIC_URL: z.preprocess((v) => (v === "" ? undefined : v), z.string().url().optional()),
    /** Tests only: comma-separated `<point>:throw` (FAULT_POINTS). Refused unless NODE_ENV=test. */
    CIRCLE_FAULTS: z
      .string()
      .default("")
      .refine((v) => v.split(",").every((f) => f.trim() === "" || FAULT_POINTS.some((p) => f.trim() === `${p}:throw`)), {
        message: `expected a comma-separated list of ${FAULT_POINTS.map((p) => `${p}:throw`).join(", ")}`,
      }),
  })
  .refine((env) => env.SMTP_HOST === "" || /^[^\s@]+@[^\s@]+$/.test(env.SMTP_FROM), {
    message: "SMTP_FROM must be the digest's sender address (name@example.org) when SMTP_HOST is set",
    path: ["SMTP_FROM"],
  })
  .refine((env) => env.CIRCLE_FAULTS.trim() === "" || env.NODE_ENV === "test", {
    message: "CIRCLE_FAULTS makes the server fail on purpose and is only honoured with NODE_ENV=test",
    path: ["CIRCLE_FAULTS"],
  });

export type Env = z.infer<typeof EnvSchema>;

let cached: Env | undefined;

/** Parsed once, on first use (tests set process.env before the server starts). */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** The variables as Circle reads them, or an error listing every bad one. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n  ${problems.join("\n  ")}`);
  }
  return parsed.data;
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

/** Whether the email digest can be offered: an SMTP relay is configured. */
export function smtpConfigured(env: Env = getEnv()): boolean {
  return env.SMTP_HOST !== "";
}
