// Builds the Next app once before any test starts a server (servers started in
// parallel must not each try to build).
import pino from "pino";
import { ensureBuilt } from "@/lib/system/build";
import { ROOT } from "./server";

export default async function setup(): Promise<void> {
  await ensureBuilt(pino({ level: "warn" }), ROOT);
}
