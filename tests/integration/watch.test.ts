// Watch folders against the real server: files arrive in a real folder on disk, the
// watcher (polling, short intervals from WATCH_POLL_SEC / WATCH_STABLE_SEC) imports
// each once through the upload path, and the SRT sidecar appears beside the source.
import fs from "node:fs";
import path from "node:path";
import { parseSync } from "subtitle";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, userWithToken } from "../helpers/auth";
import { installModel, waitFor } from "../helpers/fixtures";
import { makeLongWav, makeTempDir } from "../helpers/media";
import { startServer, type TestServer } from "../helpers/server";

let server: TestServer;
let media: { dir: string; cleanup: () => Promise<void> };
let inbox: string;
let owner: ReturnType<typeof userWithToken>;
let folderId: string;

type FileRow = { path: string; size: number; status: string; error: string | null; jobId: string | null };

function watchedFiles(): FileRow[] {
  const db = openDb(server);
  try {
    return db.prepare(`SELECT path, size, status, error, jobId FROM "WatchedFile" ORDER BY importedAt, id`).all() as FileRow[];
  } finally {
    db.close();
  }
}

function jobOf(id: string): { status: string; sizeBytes: number; originalName: string; error: string | null } {
  const db = openDb(server);
  try {
    return db.prepare(`SELECT status, sizeBytes, originalName, error FROM "Job" WHERE id = ?`).get(id) as never;
  } finally {
    db.close();
  }
}

function jobCount(): number {
  const db = openDb(server);
  try {
    return (db.prepare(`SELECT COUNT(*) AS n FROM "Job"`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

const api = (pathname: string, init: RequestInit = {}) =>
  fetch(`${server.url}${pathname}`, { ...init, headers: { ...owner.headers, "content-type": "application/json", ...(init.headers ?? {}) } });

/** Writes `source` into `dest` in small pieces with pauses, as a slow copy over the network does. */
async function copySlowly(source: string, dest: string, chunk = 16 * 1024): Promise<void> {
  const bytes = fs.readFileSync(source);
  const handle = await fs.promises.open(dest, "w");
  try {
    for (let at = 0; at < bytes.length; at += chunk) {
      await handle.write(bytes.subarray(at, at + chunk));
      await handle.sync();
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
  } finally {
    await handle.close();
  }
}

beforeAll(async () => {
  media = await makeTempDir();
  inbox = path.join(media.dir, "inbox");
  fs.mkdirSync(inbox);
  await makeLongWav(path.join(media.dir, "episode.wav"), 12);
  await makeLongWav(path.join(media.dir, "marker.wav"), 4);
  // A copy pausing 40 ms between pieces must never look finished: 4 s of stillness leaves a
  // hundredfold margin for a busy machine that stalls the writer.
  server = await startServer({ env: { WATCH_POLL_SEC: "0.1", WATCH_STABLE_SEC: "4" } });
  installModel(server.modelsDir);
  owner = userWithToken(server, "watch@example.com");
  // Tones hold no speech: with VAD on there would be nothing to decode.
  const settings = await api("/api/settings", { method: "PATCH", body: JSON.stringify({ vad: false }) });
  expect(settings.status).toBe(200);
}, 240_000);

afterAll(async () => {
  await server?.stop();
  await media?.cleanup();
});

describe("adding a watch folder", () => {
  it("refuses a folder that does not exist, or a file, saying what to do", async () => {
    const missing = await api("/api/watch-folders", { method: "POST", body: JSON.stringify({ path: path.join(media.dir, "nowhere") }) });
    expect(missing.status).toBe(422);
    const body = (await missing.json()) as { error: { message: string } };
    expect(body.error.message).toContain("does not exist on the server");
    const file = await api("/api/watch-folders", { method: "POST", body: JSON.stringify({ path: path.join(media.dir, "episode.wav") }) });
    expect(file.status).toBe(422);
    expect(((await file.json()) as { error: { message: string } }).error.message).toContain("is a file, not a folder");
    const relative = await api("/api/watch-folders", { method: "POST", body: JSON.stringify({ path: "media/inbox" }) });
    expect(relative.status).toBe(422);
    expect(((await relative.json()) as { error: { message: string } }).error.message).toContain("absolute path");
  });

  it("watches an existing folder with its defaults", async () => {
    const response = await api("/api/watch-folders", {
      method: "POST",
      body: JSON.stringify({ path: inbox, language: "en", tags: ["tv"], output: "beside", outputFormats: ["srt"], polling: true }),
    });
    expect(response.status).toBe(201);
    const { folder } = (await response.json()) as { folder: { id: string; path: string; output: string; polling: boolean; enabled: boolean } };
    expect(folder).toMatchObject({ path: inbox, output: "beside", polling: true, enabled: true });
    folderId = folder.id;
    const again = await api("/api/watch-folders", { method: "POST", body: JSON.stringify({ path: inbox }) });
    expect(again.status).toBe(409);
  });
});

describe("files arriving in a watched folder", () => {
  const episode = () => path.join(inbox, "Episode.wav");

  it("imports a file copied in slowly once, after it stops growing, and writes Episode.en.srt beside it", async () => {
    await copySlowly(path.join(media.dir, "episode.wav"), episode());
    const fullSize = fs.statSync(episode()).size;
    const row = await waitFor("the file's import", async () => watchedFiles().find((f) => f.jobId), 120_000);
    expect(row).toMatchObject({ path: episode(), size: fullSize, status: "imported", error: null });
    expect(watchedFiles()).toHaveLength(1);
    const job = await waitFor(
      "the job to finish",
      async () => {
        const j = jobOf(row.jobId!);
        return j.status === "completed" || j.status === "failed" ? j : null;
      },
      180_000,
    );
    expect(job).toMatchObject({ status: "completed", sizeBytes: fullSize, originalName: "Episode.wav" });

    const sidecar = path.join(inbox, "Episode.en.srt");
    await waitFor("the SRT sidecar", async () => fs.existsSync(sidecar), 60_000);
    const cues = parseSync(fs.readFileSync(sidecar, "utf8")).filter((node) => node.type === "cue");
    expect(cues.length).toBeGreaterThan(0);
    for (const cue of cues) if (cue.type === "cue") expect(cue.data.end).toBeGreaterThan(cue.data.start);
    // Written through a temp file that was renamed: nothing else is left in the folder.
    expect(fs.readdirSync(inbox).sort()).toEqual(["Episode.en.srt", "Episode.wav"]);
  }, 300_000);

  it("does not import a touched or renamed file again; a file that is not media is reported, and the watcher carries on", async () => {
    const later = new Date(Date.now() + 60_000);
    fs.utimesSync(episode(), later, later);
    fs.renameSync(episode(), path.join(inbox, "Episode renamed.wav"));
    fs.writeFileSync(path.join(inbox, "broken.mp3"), "this is a shopping list, not a recording\n".repeat(200));
    fs.writeFileSync(path.join(inbox, "notes.txt"), "not a media extension: never looked at\n");
    // Written last: once it is imported, the watcher has dealt with everything above.
    fs.copyFileSync(path.join(media.dir, "marker.wav"), path.join(inbox, "marker.wav"));

    await waitFor("the marker's import", async () => watchedFiles().find((f) => f.path.endsWith("marker.wav") && f.jobId), 120_000);
    const broken = await waitFor(
      "the broken file's row",
      async () => watchedFiles().find((f) => f.path.endsWith("broken.mp3") && f.status !== "importing"),
      60_000,
    );
    expect(broken).toMatchObject({ status: "failed", jobId: null });
    expect(broken.error).toMatch(/not .*(audio|media|recording)/i);

    const rows = watchedFiles();
    expect(rows.map((r) => path.basename(r.path)).sort()).toEqual(["Episode.wav", "broken.mp3", "marker.wav"]);
    expect(rows.filter((r) => r.status === "imported")).toHaveLength(2);
    expect(jobCount()).toBe(2);

    const listed = await api("/api/watch-folders");
    expect(listed.status).toBe(200);
    const { folders } = (await listed.json()) as { folders: { id: string; recent: { name: string; status: string; error: string | null }[] }[] };
    const recent = folders.find((f) => f.id === folderId)!.recent;
    expect(recent.find((f) => f.name === "broken.mp3")).toMatchObject({ status: "failed", error: broken.error });
  }, 300_000);

  it("pauses, resumes and removes a folder; its jobs stay", async () => {
    const paused = await api(`/api/watch-folders/${folderId}`, { method: "PATCH", body: JSON.stringify({ enabled: false }) });
    expect(paused.status).toBe(200);
    const removed = await api(`/api/watch-folders/${folderId}`, { method: "DELETE" });
    expect(removed.status).toBe(200);
    const { folders } = (await (await api("/api/watch-folders")).json()) as { folders: unknown[] };
    expect(folders).toHaveLength(0);
    expect(jobCount()).toBe(2);
    const gone = await api(`/api/watch-folders/${folderId}`, { method: "DELETE" });
    expect(gone.status).toBe(404);
  });
});

describe("WATCH_FOLDERS on a headless install", () => {
  let headless: TestServer;
  let library: string;
  let outputs: string;
  let admin: ReturnType<typeof userWithToken>;
  let serverDir: string;
  let headlessEnv: Record<string, string>;

  beforeAll(async () => {
    library = path.join(media.dir, "library");
    outputs = path.join(media.dir, "subtitles");
    fs.mkdirSync(library);
    fs.mkdirSync(outputs);
    serverDir = fs.mkdtempSync(path.join(media.dir, "server-"));
    // Installed before the start, so nothing the watcher sees is refused for want of a model.
    fs.mkdirSync(path.join(serverDir, "models"));
    installModel(path.join(serverDir, "models"));
    headlessEnv = {
      WATCH_POLL_SEC: "0.1",
      WATCH_STABLE_SEC: "1",
      ADMIN_EMAIL: "admin@example.com",
      ADMIN_PASSWORD: "admin-password-1",
      WATCH_FOLDERS: `${library}:language=en:tags=tv:output=folder:outputDir=${outputs}:formats=srt,vtt:polling=true;/no/such/folder:output=beside`,
    };
    headless = await startServer({ dir: serverDir, env: headlessEnv });
    admin = userWithToken(headless, "admin@example.com");
    const settings = await fetch(`${headless.url}/api/settings`, {
      method: "PATCH",
      headers: { ...admin.headers, "content-type": "application/json" },
      body: JSON.stringify({ vad: false }),
    });
    expect(settings.status).toBe(200);
  }, 240_000);

  afterAll(async () => {
    await headless?.stop();
  });

  it("watches the folder the variable names, skips the one that does not exist, and mirrors sub-folders under the output folder", async () => {
    const listed = await fetch(`${headless.url}/api/watch-folders`, { headers: admin.headers });
    const { folders } = (await listed.json()) as {
      folders: { path: string; source: string; output: string; outputDir: string; outputFormats: string[]; tags: string[] }[];
    };
    expect(folders).toEqual([
      expect.objectContaining({ path: library, source: "env", output: "folder", outputDir: outputs, outputFormats: ["srt", "vtt"], tags: ["tv"] }),
    ]);
    expect(headless.output()).toContain("WATCH_FOLDERS: /no/such/folder is skipped: The folder /no/such/folder does not exist on the server");

    const season = path.join(library, "Show", "Season 1");
    fs.mkdirSync(season, { recursive: true });
    fs.copyFileSync(path.join(media.dir, "marker.wav"), path.join(season, "Episode 2.wav"));
    const srt = path.join(outputs, "Show", "Season 1", "Episode 2.en.srt");
    const vtt = path.join(outputs, "Show", "Season 1", "Episode 2.en.vtt");
    await waitFor("both sidecars", async () => fs.existsSync(srt) && fs.existsSync(vtt), 180_000);
    expect(parseSync(fs.readFileSync(srt, "utf8")).filter((node) => node.type === "cue").length).toBeGreaterThan(0);
    expect(fs.readFileSync(vtt, "utf8").startsWith("WEBVTT")).toBe(true);
    // Nothing is written beside the source when the output goes to a folder.
    expect(fs.readdirSync(season)).toEqual(["Episode 2.wav"]);
  }, 300_000);

  it("after a restart imports nothing again, and writes the outputs a job missed while the server was down", async () => {
    const srt = path.join(outputs, "Show", "Season 1", "Episode 2.en.srt");
    expect(await headless.stop()).toBe(0);
    // As if the job had completed just before the server went down, before its outputs were written.
    fs.rmSync(path.join(outputs, "Show"), { recursive: true });
    const db = openDb(headless);
    try {
      db.prepare(`UPDATE "WatchedFile" SET outputAt = NULL`).run();
    } finally {
      db.close();
    }
    headless = await startServer({ dir: serverDir, env: headlessEnv });
    await waitFor("the missed sidecar", async () => fs.existsSync(srt), 120_000);
    expect(parseSync(fs.readFileSync(srt, "utf8")).filter((node) => node.type === "cue").length).toBeGreaterThan(0);
    // Written after the start: once it is in, the start's scan has seen Episode 2.wav again.
    fs.copyFileSync(path.join(media.dir, "episode.wav"), path.join(library, "Later.wav"));
    const rows = () => {
      const check = openDb(headless);
      try {
        return check.prepare(`SELECT w.path, w.jobId FROM "WatchedFile" w`).all() as { path: string; jobId: string | null }[];
      } finally {
        check.close();
      }
    };
    await waitFor("the later file's import", async () => rows().find((r) => r.path.endsWith("Later.wav") && r.jobId), 120_000);
    expect(
      rows()
        .map((r) => path.basename(r.path))
        .sort(),
    ).toEqual(["Episode 2.wav", "Later.wav"]);
    const db2 = openDb(headless);
    try {
      expect((db2.prepare(`SELECT COUNT(*) AS n FROM "Job"`).get() as { n: number }).n).toBe(2);
    } finally {
      db2.close();
    }
  }, 300_000);
});
