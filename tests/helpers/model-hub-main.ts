// The local model hub as a process of its own, for the browser tests (playwright.config.ts
// starts it as a webServer and points MODEL_HOST at it): every catalogue repo holds the
// generated micro Whisper model under each offered precision's file names, so whichever
// model the page suggests downloads in a second and really transcribes.
// Usage: node --import tsx tests/helpers/model-hub-main.ts <port> <root>
import fs from "node:fs/promises";
import path from "node:path";
import { CATALOG, OFFERED_DTYPES } from "@/lib/models/catalog";
import { ONNX_PARTS, onnxPath } from "@/lib/models/dtypes";
import { MICRO_MODEL } from "./fixtures";
import { startModelHub } from "./model-hub";

const [port, root] = process.argv.slice(2);

async function main(): Promise<void> {
  await fs.rm(root, { recursive: true, force: true });
  for (const entry of CATALOG) {
    const dir = path.join(root, entry.repo);
    await fs.mkdir(path.join(dir, "onnx"), { recursive: true });
    for (const file of await fs.readdir(MICRO_MODEL)) {
      if (file.endsWith(".json")) await fs.symlink(path.join(MICRO_MODEL, file), path.join(dir, file));
    }
    for (const dtype of OFFERED_DTYPES) {
      for (const part of ONNX_PARTS) await fs.symlink(path.join(MICRO_MODEL, onnxPath(part, "fp32")), path.join(dir, onnxPath(part, dtype)));
    }
  }
  const hub = await startModelHub(root, { port: Number(port) });
  // Slow enough that the page shows the bar moving, fast enough not to matter.
  hub.throttle = { chunkBytes: 65_536, delayMs: 20 };
  hub.reset = () => {};
  console.log(`model hub on ${hub.host}`);
}

void main();
