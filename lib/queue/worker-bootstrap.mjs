// Worker threads do not inherit tsx's loader from the main thread, so the thread
// registers it itself before loading the TypeScript entry.
import { register } from "tsx/esm/api";

register();
await import("./worker.ts");
