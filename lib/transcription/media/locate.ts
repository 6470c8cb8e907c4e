// Find working ffmpeg and ffprobe binaries: the configured path, then PATH, then the
// static builds that @ffmpeg-installer/@ffprobe-installer ship inside node_modules.
// Each candidate is run with `-version`, so a path that exists but cannot execute
// (wrong architecture, missing exec bit) falls through instead of failing a job later.
import { constants } from "node:fs";
import { access } from "node:fs/promises";
import { SeleniteError } from "@/lib/errors";
import { runTool } from "./run";
import type { MediaToolOptions } from "./types";

export interface FfmpegBinaries {
  ffmpeg: string;
  ffprobe: string;
  /** Why a configured path was skipped; worth logging once at startup. */
  notes: string[];
}

type Tool = "ffmpeg" | "ffprobe";

const cache = new Map<string, Promise<FfmpegBinaries>>();

/** Resolved once per distinct option set; a failed lookup is retried next time. */
export function resolveFfmpeg(options: MediaToolOptions = {}): Promise<FfmpegBinaries> {
  const key = `${options.ffmpegPath ?? ""}\0${options.ffprobePath ?? ""}`;
  let found = cache.get(key);
  if (!found) {
    found = locateBoth(options);
    found.catch(() => cache.delete(key));
    cache.set(key, found);
  }
  return found;
}

/** Forget resolved paths (tests, or after the settings page changes them). */
export function clearFfmpegCache(): void {
  cache.clear();
}

async function locateBoth(options: MediaToolOptions): Promise<FfmpegBinaries> {
  const [ffmpeg, ffprobe] = await Promise.all([locate("ffmpeg", options.ffmpegPath), locate("ffprobe", options.ffprobePath)]);
  return { ffmpeg: ffmpeg.path, ffprobe: ffprobe.path, notes: [...ffmpeg.notes, ...ffprobe.notes] };
}

async function locate(tool: Tool, configured: string | undefined): Promise<{ path: string; notes: string[] }> {
  const setting = tool === "ffmpeg" ? "FFMPEG_PATH" : "FFPROBE_PATH";
  const notes: string[] = [];
  if (configured) {
    if (await isUsable(tool, configured, true)) return { path: configured, notes };
    notes.push(`${setting}=${configured} is not an executable ${tool}; looking elsewhere.`);
  }
  // A bare name makes spawn search the inherited PATH, without this module reading env.
  if (await isUsable(tool, tool, false)) return { path: tool, notes };
  const bundled = await bundledPath(tool);
  if (bundled && (await isUsable(tool, bundled, true))) return { path: bundled, notes };
  throw new SeleniteError("internal", `${tool} was not found. Install ffmpeg (for example \`apt install ffmpeg\`) or set ${setting}.`);
}

async function isUsable(tool: Tool, command: string, isPath: boolean): Promise<boolean> {
  if (isPath) {
    try {
      await access(command, constants.X_OK);
    } catch {
      return false;
    }
  }
  try {
    const result = await runTool(command, ["-version"], { timeoutMs: 10_000, maxStdoutBytes: 65_536 });
    return result.exitCode === 0 && result.stdout.startsWith(`${tool} version`);
  } catch {
    return false;
  }
}

async function bundledPath(tool: Tool): Promise<string | null> {
  try {
    // These packages throw at import time on platforms they have no build for.
    const mod: { default?: { path?: unknown }; path?: unknown } =
      tool === "ffmpeg" ? await import("@ffmpeg-installer/ffmpeg") : await import("@ffprobe-installer/ffprobe");
    const path = mod.path ?? mod.default?.path;
    return typeof path === "string" ? path : null;
  } catch {
    return null;
  }
}
