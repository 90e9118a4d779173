import pino, { type Logger } from "pino";
import { getEnv } from "~/utils/env.server";

/**
 * JSON lines, one per event: `{"level":"info","time":"<ISO>",...fields,"msg":"..."}`; debug and
 * info on stdout, warn and error on stderr (a process manager can route them apart).
 *
 * Never log case content, passwords or cookies. The redaction below is the second line of defence
 * for the fields a careless call could pass on: people's names and contact details, secrets, the
 * request headers that carry a session, and the free text people write (notes, letters, agreement
 * narratives, comments). Nothing in Circle logs these on purpose; a field with one of these names
 * is written as "[redacted]", at the top level or one object down (e.g. `user.email`).
 */
const PERSONAL_FIELDS = [
  "name",
  "firstName",
  "lastName",
  "email",
  "phone",
  "address",
  "contact",
  "username",
  "password",
  "newPassword",
  "currentPassword",
  "token",
  "inviteCode",
  "cookie",
  "authorization",
  "text",
  "body",
  "notes",
  "narrative",
  "letter",
  "comment",
  "description",
  "signature",
];
export const REDACT_PATHS = [
  ...PERSONAL_FIELDS,
  ...PERSONAL_FIELDS.map((f) => `*.${f}`),
  'headers["set-cookie"]',
  'req.headers["set-cookie"]',
  "req.headers.cookie",
  "req.headers.authorization",
  'res.headers["set-cookie"]',
];

type Fields = Record<string, unknown>;

/** The configured level; "info" while the environment cannot be read (the error about it must still be logged). */
function configuredLevel(): pino.LevelWithSilent {
  try {
    return getEnv().LOG_LEVEL;
  } catch {
    return "info";
  }
}

let logger: Logger | undefined;
let loggerLevel: string | undefined;

/** Built on first use, and again if LOG_LEVEL changed (tests set it before starting a server). */
function current(): Logger {
  const level = configuredLevel();
  if (!logger || loggerLevel !== level) {
    loggerLevel = level;
    logger = pino(
      {
        level,
        base: undefined,
        timestamp: pino.stdTimeFunctions.isoTime,
        formatters: { level: (label) => ({ level: label }) },
        redact: { paths: REDACT_PATHS, censor: "[redacted]" },
      },
      // Written synchronously, like console.error: the lines before an exit after a fatal error
      // must not be lost in a buffer.
      pino.multistream(
        [
          { level: "debug", stream: process.stdout },
          { level: "warn", stream: process.stderr },
        ],
        { dedupe: true },
      ),
    );
  }
  return logger;
}

/** `log.info(fields, msg)`: fields first, as pino takes them. An object with methods, so a test can spy on one. */
export const log = {
  debug: (fields: Fields, msg: string) => current().debug(fields, msg),
  info: (fields: Fields, msg: string) => current().info(fields, msg),
  warn: (fields: Fields, msg: string) => current().warn(fields, msg),
  error: (fields: Fields, msg: string) => current().error(fields, msg),
};

/** An error as logged: its stack (message included) when it has one, so a failure can be traced. */
export function stackOf(error: unknown): string {
  return error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
}
