import type { SerializeFrom } from "@remix-run/node";
import type { getCaseExchange } from "~/models/exchange.server";

export type Exchange = SerializeFrom<Awaited<ReturnType<typeof getCaseExchange>>>;
export type Thread = Exchange["timeline"][number];
export type Message = Thread["item"];
export type Party = Exchange["parties"][number];
export type Question = Exchange["openQuestions"][number];
