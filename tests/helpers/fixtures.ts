// The generated micro Whisper model, installed into a test server's MODELS_DIR.
import fs from "node:fs";
import path from "node:path";
import { ROOT } from "./server";

export const MICRO_MODEL = path.join(ROOT, "tests", "fixtures", "models", "whisper-micro");

export function installModel(modelsDir: string, source = MICRO_MODEL, name = path.basename(source)): void {
  fs.cpSync(source, path.join(modelsDir, name), { recursive: true });
}

/** A multipart body for fetch with the given files and fields. */
export function uploadForm(files: { path: string; name?: string; type?: string }[], fields: Record<string, string> = {}): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  for (const file of files) {
    form.append("file", new Blob([fs.readFileSync(file.path)], { type: file.type ?? "application/octet-stream" }), file.name ?? path.basename(file.path));
  }
  return form;
}

export async function waitFor<T>(what: string, check: () => Promise<T | undefined | null | false>, timeoutMs = 60_000, everyMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
