// The worker thread's entry. It owns the transcription engine so that inference
// never blocks the web server's event loop.
import { parentPort } from "node:worker_threads";
import type { HostMessage, WorkerMessage } from "@/lib/queue/worker-protocol";

if (!parentPort) throw new Error("lib/queue/worker.ts must run as a worker thread");
const port = parentPort;
const send = (message: WorkerMessage) => port.postMessage(message);

port.on("message", (message: HostMessage) => {
  if (message.type === "ping") send({ type: "pong", at: Date.now() });
  if (message.type === "shutdown") process.exit(0);
});

send({ type: "ready" });
