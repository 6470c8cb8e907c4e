// Worker threads do not inherit tsx's loader from the main thread, so the thread
// registers it itself before loading the TypeScript entry.
import { register } from "tsx/esm/api";

// Loaded by Node itself before tsx's loader is registered: through the loader it
// costs ~140 MB more per worker thread (measured: 285 MB vs 145 MB at ready).
await import("@huggingface/transformers");
register();
await import("./worker.ts");
