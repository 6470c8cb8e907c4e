// Lets route handlers (Next's module graph) reach the dispatcher that server.ts
// started in the same process.
import type { Dispatcher } from "@/lib/queue/dispatcher";

const globalForQueue = globalThis as unknown as { seleniteDispatcher?: Dispatcher };

export function setDispatcher(dispatcher: Dispatcher): void {
  globalForQueue.seleniteDispatcher = dispatcher;
}

export function getDispatcher(): Dispatcher | undefined {
  return globalForQueue.seleniteDispatcher;
}
