import { json } from "@remix-run/node";
import type { z } from "zod";
import { Refusal, refusalBody, type RefusalBody } from "./refusal";
import { fieldErrors, type FieldErrors } from "./schemas";

/** What every case-screen action answers: field errors (400) or a confirmation. */
export type FormResult = { ok: false; errors: FieldErrors; intent?: string } | { ok: true; done: string; intent?: string; id?: string };

export const formError = (errors: FieldErrors, intent?: string, status = 400) => json<FormResult>({ ok: false, errors, intent }, { status });
export const formDone = (done: string, intent?: string, id?: string) => json<FormResult>({ ok: true, done, intent, id });

/** A model's Refusal as the form's answer: its status, the message beside its field, the reasons. */
export const refusalAnswer = (refusal: Refusal, intent?: string) => json<RefusalBody>(refusalBody(refusal, intent), { status: refusal.status });

/** A posted form's fields as strings; a field sent more than once (a checkbox group) as an array. */
export type FormFields = Record<string, string | string[]>;

/** Reads a posted form; null when the body is not a form at all. */
export async function readForm(request: Request): Promise<FormFields | null> {
  const body = await request.formData().catch(() => null);
  if (!body) return null;
  const raw: FormFields = {};
  for (const key of new Set(body.keys())) {
    const all = body.getAll(key).map((v) => (typeof v === "string" ? v : ""));
    raw[key] = all.length > 1 || key.endsWith("[]") ? all : all[0]!;
  }
  return raw;
}

export const UNREADABLE_FORM: FieldErrors = { form: "That form could not be read. Please send it again." };

/**
 * Reads a posted form and parses it with `schema`. Returns the data, or a 400 Response with
 * field errors (nothing has been changed). Multi-valued fields (checkbox groups) come as arrays.
 */
export async function parseForm<S extends z.ZodType>(request: Request, schema: S): Promise<{ data: z.infer<S> } | { response: Response }> {
  const raw = await readForm(request);
  if (!raw) return { response: formError(UNREADABLE_FORM) };
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return { response: formError(fieldErrors(parsed.error), typeof raw.intent === "string" ? raw.intent : undefined) };
  return { data: parsed.data };
}

/**
 * The loader of a route that only takes forms (the case screen posts to it): a GET, e.g. from the
 * address bar or a stale bookmark, gets a 405 page saying where to go, not an error with a stack
 * trace. These are resource routes (no page of their own), so the page is written here. Nothing
 * about the case is looked up, so nothing is confirmed.
 */
export function formsOnly(): never {
  const page = `<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Circle</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.5">
<main><h1>That request could not be completed</h1><p>This address only takes changes sent from the case screen. Go back to the case to make them.</p>
<p><a href="/cases">Go to my cases</a></p></main></body></html>`;
  throw new Response(page, { status: 405, headers: { Allow: "POST", "Content-Type": "text/html; charset=utf-8" } });
}
