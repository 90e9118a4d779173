import { describe, expect, it } from "vitest";
import { CaseTeamSchema, UserAdminSchema } from "~/utils/admin-schemas";
import { CaseFilterSchema, CaseIdSchema, EmailSchema, fieldErrors, LoginSchema, NewPasswordSchema, optionalLine, optionalText, PersonNameSchema } from "~/utils/schemas";

const A_CUID = "cmbx3k9qv0000abcdefghijkl";

function errorsOf(result: { success: boolean; error?: unknown }) {
  expect(result.success).toBe(false);
  return fieldErrors(result.error as Parameters<typeof fieldErrors>[0]);
}

describe("form schemas", () => {
  it("normalises email addresses so sign-in and duplicates do not depend on case or spaces", () => {
    expect(EmailSchema.parse("  Lead@Demo.Circle ")).toBe("lead@demo.circle");
  });

  it("explains each bad email or username in words, and accepts a letter author's username", () => {
    expect(errorsOf(LoginSchema.safeParse({ email: "   ", password: "x" })).email).toBe("Enter an email address or username");
    expect(errorsOf(LoginSchema.safeParse({ email: "not-an-email@", password: "x" })).email).toBe("Enter a valid email address or username");
    expect(errorsOf(LoginSchema.safeParse({ email: "not-a-username", password: "x" })).email).toBe("Enter a valid email address or username");
    expect(errorsOf(LoginSchema.safeParse({ email: `${"a".repeat(250)}@x.example`, password: "x" })).email).toBe("That email address is too long");
    expect(LoginSchema.safeParse({ email: " Daniel ", password: "x" })).toMatchObject({ success: true, data: { email: "daniel" } });
  });

  it("answers a sign-in form with no fields with an error for each field", () => {
    expect(errorsOf(LoginSchema.safeParse({}))).toEqual({ email: "Enter an email address or username", password: "Enter your password" });
    expect(errorsOf(LoginSchema.safeParse({ email: "a@b.example", password: "" })).password).toBe("Enter your password");
  });

  it("bounds every free-text field", () => {
    expect(errorsOf(LoginSchema.safeParse({ email: "a@b.example", password: "p".repeat(201) })).password).toBe("That password is too long");
    expect(errorsOf(LoginSchema.safeParse({ email: "a@b.example", password: "p", redirectTo: "/".repeat(501) })).redirectTo).toBeDefined();
    expect(PersonNameSchema.safeParse("n".repeat(121)).success).toBe(false);
    expect(PersonNameSchema.safeParse("   ").success).toBe(false);
    expect(PersonNameSchema.parse("  Sam Okafor ")).toBe("Sam Okafor");
  });

  it("requires new passwords of 12 to 200 characters", () => {
    expect(NewPasswordSchema.safeParse("elevenchars").success).toBe(false);
    expect(NewPasswordSchema.safeParse("twelve chars").success).toBe(true);
    expect(NewPasswordSchema.safeParse("p".repeat(200)).success).toBe(true);
    expect(NewPasswordSchema.safeParse("p".repeat(201)).success).toBe(false);
    expect(errorsOf(UserAdminSchema.safeParse({ intent: "reset-password", userId: A_CUID, password: "short" })).password).toBe("Use at least 12 characters");
  });

  it("accepts only cuid-shaped case ids", () => {
    expect(CaseIdSchema.safeParse(A_CUID).success).toBe(true);
    for (const bad of ["", "RJ-2026-0142", "../admin", "c123", `c${"a".repeat(40)}`, "CMBX3K9QV0000ABCDEFGHIJKL", `${A_CUID}\n`]) {
      expect(CaseIdSchema.safeParse(bad).success, bad).toBe(false);
    }
  });

  it("reads the admin user form by intent, with one clear message per field", () => {
    expect(errorsOf(UserAdminSchema.safeParse({ intent: "create" }))).toEqual({
      email: "Enter an email address",
      name: "Enter a name",
      role: "Choose a role",
      password: "Enter a password",
    });
    expect(errorsOf(UserAdminSchema.safeParse({ intent: "create", email: "x@y.example", name: "X", role: "OWNER", password: "a-long-password" })).role).toBe("Choose a role");
    expect(errorsOf(UserAdminSchema.safeParse({ intent: "disable", userId: "1 OR 1=1" })).userId).toBe("Not a user id");
    expect(errorsOf(UserAdminSchema.safeParse({ intent: "drop-tables" }))).toEqual({ intent: "Unknown action" });
    expect(UserAdminSchema.parse({ intent: "create", email: " New@Demo.Circle", name: " New Person ", role: "FACILITATOR", password: "a-long-password" })).toEqual({
      intent: "create",
      email: "new@demo.circle",
      name: "New Person",
      role: "FACILITATOR",
      password: "a-long-password",
    });
  });

  it("reads the case team form by intent", () => {
    expect(CaseTeamSchema.parse({ intent: "assign", caseId: A_CUID, userId: A_CUID, role: "CO_FACILITATOR" }).intent).toBe("assign");
    expect(errorsOf(CaseTeamSchema.safeParse({ intent: "assign", caseId: A_CUID, userId: A_CUID, role: "ADMIN" })).role).toBe("Choose a case role");
    expect(errorsOf(CaseTeamSchema.safeParse({ intent: "remove", caseId: "RJ-2026-0142", userId: A_CUID })).caseId).toBe("Not a case id");
    expect(errorsOf(CaseTeamSchema.safeParse({ intent: "promote" }))).toEqual({ intent: "Unknown action" });
  });

  it("defaults the case filter and refuses unknown stages", () => {
    expect(CaseFilterSchema.parse({})).toEqual({ q: "", stage: "" });
    expect(CaseFilterSchema.parse({ q: "  bus ", stage: "PREPARATION" })).toEqual({ q: "bus", stage: "PREPARATION" });
    expect(CaseFilterSchema.safeParse({ stage: "BOGUS" }).success).toBe(false);
    expect(CaseFilterSchema.safeParse({ q: "q".repeat(101) }).success).toBe(false);
  });

  it("keeps the first message per field and puts path-less issues under 'form'", () => {
    const result = LoginSchema.safeParse({ email: "", password: "" });
    expect(fieldErrors(result.error!)).toEqual({ email: "Enter an email address or username", password: "Enter your password" });
    const noPath = PersonNameSchema.safeParse("");
    expect(fieldErrors(noPath.error!)).toEqual({ form: "Enter a name" });
  });
});

describe("text nobody typed on purpose", () => {
  const hostile = "Jess\u202Egnirts\u0000\u0007\nBarnes\u2066";
  it("strips control characters and bidirectional overrides from names, and joins their lines", () => {
    expect(PersonNameSchema.parse(hostile)).toBe("Jessgnirts Barnes");
    expect(PersonNameSchema.safeParse("\u0000\u202E ").success).toBe(false);
  });

  it("keeps line breaks in free text but strips the rest", () => {
    expect(optionalText(100).parse(`Line one\u0007\u202E\nLine two\u0000`)).toBe("Line one\nLine two");
  });

  it("makes single-line fields one line", () => {
    expect(optionalLine(100).parse("Room\t4\r\nfirst floor\u202D")).toBe("Room 4 first floor");
  });
});
