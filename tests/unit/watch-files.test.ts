// The watch folders' file rules: what counts as media, when a renamed or touched
// file is the same recording, where sidecars go, and that they appear whole.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { fingerprint, isMediaFile, sidecarBase, writeAtomically } from "@/lib/watch/files";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "selenite-watch-unit-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("isMediaFile", () => {
  it("takes audio and video extensions in any case and leaves everything else alone", () => {
    for (const name of ["Episode.mkv", "memo.MP3", "/srv/a/b/talk.m4a", "clip.webm", "show.ts"]) expect(isMediaFile(name), name).toBe(true);
    for (const name of ["Episode.en.srt", "cover.jpg", "movie.nfo", "notes.txt", "Episode.mkv.part", "noextension"])
      expect(isMediaFile(name), name).toBe(false);
  });

  it("skips hidden files, which copy tools and our own temp files use", () => {
    expect(isMediaFile("/srv/.Episode.mkv")).toBe(false);
    expect(isMediaFile(".Episode.en.srt.1a2b3c4d.tmp")).toBe(false);
  });
});

describe("fingerprint", () => {
  const write = (name: string, bytes: Buffer) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, bytes);
    return file;
  };
  const big = Buffer.alloc(300 * 1024, 7);

  it("is the same after a rename and a touch, and differs when the content changes", async () => {
    const original = write("a.wav", big);
    const before = await fingerprint(original, big.length);
    const renamed = path.join(dir, "renamed.wav");
    fs.renameSync(original, renamed);
    fs.utimesSync(renamed, new Date(2030, 0, 1), new Date(2030, 0, 1));
    expect(await fingerprint(renamed, big.length)).toBe(before);

    const changedTail = Buffer.from(big);
    changedTail[changedTail.length - 1] = 8;
    expect(await fingerprint(write("tail.wav", changedTail), changedTail.length)).not.toBe(before);
    const changedHead = Buffer.from(big);
    changedHead[0] = 8;
    expect(await fingerprint(write("head.wav", changedHead), changedHead.length)).not.toBe(before);
  });

  it("reads small and empty files whole", async () => {
    const small = Buffer.from("tiny");
    expect(await fingerprint(write("small.wav", small), small.length)).toMatch(/^[0-9a-f]{64}$/);
    expect(await fingerprint(write("empty.wav", Buffer.alloc(0)), 0)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("sidecarBase", () => {
  it("names a sidecar as Jellyfin and Plex look for it, beside the source", () => {
    expect(sidecarBase({ path: "/srv/tv", output: "beside", outputDir: null }, "/srv/tv/Show/Season 1/Episode 2.mkv", "en")).toBe(
      "/srv/tv/Show/Season 1/Episode 2.en",
    );
  });

  it("mirrors the source's sub-folders under the output folder", () => {
    expect(sidecarBase({ path: "/srv/tv", output: "folder", outputDir: "/srv/subs" }, "/srv/tv/Show/Season 1/Episode 2.mkv", "de")).toBe(
      "/srv/subs/Show/Season 1/Episode 2.de",
    );
  });
});

describe("writeAtomically", () => {
  it("replaces the target whole and leaves no temp file", async () => {
    const target = path.join(dir, "Episode.en.srt");
    fs.writeFileSync(target, "old");
    await writeAtomically(target, "1\n00:00:00,000 --> 00:00:01,000\nHello\n");
    expect(fs.readFileSync(target, "utf8")).toContain("Hello");
    expect(fs.readdirSync(dir).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });

  it("leaves no temp file when the folder cannot take it", async () => {
    await expect(writeAtomically(path.join(dir, "no-such-dir", "x.srt"), "x")).rejects.toThrow();
    expect(fs.readdirSync(dir).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });
});
