import type { Prisma } from "@prisma/client";
import { db } from "~/utils/db.server";
import { Refusal } from "~/utils/refusal";
import type { ProgrammeModule } from "./programme-labels";
import { STANDARD_PROGRAMME } from "./programme-library";
import type { ProgrammeTemplateAction } from "./programme-schemas";

/**
 * The service's programme templates (/admin/programmes): the manager adds, edits, orders and
 * archives them. A case's programme copied its template's sessions when it started, so nothing
 * here changes a programme already running.
 */

type Tx = Prisma.TransactionClient;

export async function listProgrammeTemplates(serviceId: string) {
  const templates = await db.programmeTemplate.findMany({
    where: { serviceId, archivedAt: null },
    orderBy: [{ standard: "desc" }, { name: "asc" }],
    select: {
      id: true,
      name: true,
      description: true,
      standard: true,
      sessions: { orderBy: { position: "asc" }, select: { id: true, title: true, module: true, aims: true, minutes: true, guidance: true, exercises: true } },
    },
  });
  return templates.map((t) => ({ ...t, sessions: t.sessions.map((s) => ({ ...s, module: s.module as ProgrammeModule })) }));
}

/** Makes, archives or edits a template of the manager's service, in one transaction; returns the sentence to show and the template's id. */
export async function changeProgrammeTemplate(manager: { id: string; serviceId: string }, input: ProgrammeTemplateAction): Promise<{ done: string; templateId: string }> {
  return db.$transaction(async (tx) => {
    if (input.intent === "create") {
      const sessions = input.basedOn === "standard" ? STANDARD_PROGRAMME.map((s, position) => ({ ...s, position })) : [];
      const created = await tx.programmeTemplate.create({
        data: { serviceId: manager.serviceId, name: input.name, description: input.description, createdById: manager.id, sessions: { create: sessions } },
        select: { id: true },
      });
      return { done: `Created "${input.name}". Facilitators can now start a programme from it.`, templateId: created.id };
    }
    const template = await tx.programmeTemplate.findFirst({ where: { id: input.templateId, serviceId: manager.serviceId, archivedAt: null }, select: { id: true, name: true } });
    if (!template) throw new Refusal("That programme does not exist in your service: reload the page.", { status: 400 });
    const sessions = await tx.programmeTemplateSession.findMany({ where: { templateId: template.id }, orderBy: { position: "asc" }, select: { id: true } });
    if ("sessionId" in input && !sessions.some((s) => s.id === input.sessionId)) throw new Refusal("That session is not in this programme: reload the page.", { status: 400 });
    return { done: await changeSessions(tx, template, sessions, input), templateId: template.id };
  });
}

async function changeSessions(tx: Tx, template: { id: string; name: string }, sessions: { id: string }[], input: Exclude<ProgrammeTemplateAction, { intent: "create" }>) {
  switch (input.intent) {
    case "archive":
      await tx.programmeTemplate.update({ where: { id: template.id }, data: { archivedAt: new Date() } });
      return `Archived "${template.name}". Programmes already started from it keep their sessions.`;
    case "add-session": {
      const { intent: _i, templateId, ...fields } = input;
      await tx.programmeTemplateSession.create({ data: { ...fields, templateId, position: sessions.length } });
      return `Added "${input.title}".`;
    }
    case "edit-session": {
      const { intent: _i, templateId: _t, sessionId, ...fields } = input;
      await tx.programmeTemplateSession.update({ where: { id: sessionId }, data: fields });
      return `Saved "${input.title}".`;
    }
    case "move-session": {
      const from = sessions.findIndex((s) => s.id === input.sessionId);
      const to = input.direction === "up" ? from - 1 : from + 1;
      if (to < 0 || to >= sessions.length) throw new Refusal(`It is already ${input.direction === "up" ? "first" : "last"}.`);
      await tx.programmeTemplateSession.update({ where: { id: sessions[to]!.id }, data: { position: from } });
      await tx.programmeTemplateSession.update({ where: { id: input.sessionId }, data: { position: to } });
      return "Moved.";
    }
    case "remove-session": {
      await tx.programmeTemplateSession.delete({ where: { id: input.sessionId } });
      const rest = sessions.filter((s) => s.id !== input.sessionId);
      for (const [position, s] of rest.entries()) await tx.programmeTemplateSession.update({ where: { id: s.id }, data: { position } });
      return "Removed the session.";
    }
  }
}
