// The player on the job page (issue 14.11) in a real browser against the real server:
// the waveform is drawn from the server's peaks (the browser never downloads the
// recording for it), for a recording longer than the old 30-minute limit too; one
// duration (the decoder's) in the facts and the player; < and > step the speed, , and
// . move between segments; a video gets captions from the transcript (a WebVTT
// track), a captions switch and a full-screen button. Jobs are written straight into
// the database with real media files, so no model is needed.
import { randomUUID } from "node:crypto";
import { rm } from "node:fs/promises";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { OWNER, STORAGE, signIn, withDb } from "./support";
import { ffmpeg, makeLongWav, makeTone } from "../helpers/media";

const SEGMENTS = Array.from({ length: 6 }, (_, i) => ({ start: i * 5, end: i * 5 + 4.5, text: ` Player line ${i + 1}.` }));

type Seeded = { id: string; file: string };

async function seedJob(
  title: string,
  make: (file: string) => Promise<unknown>,
  ext: string,
  mime: string,
  durationSec: number,
  hasVideo: boolean,
): Promise<Seeded> {
  const storedName = `${randomUUID()}${ext}`;
  const file = path.join(STORAGE, "uploads", storedName);
  await make(file);
  const id = `pl${randomUUID().replace(/-/g, "").slice(0, 20)}`;
  const now = new Date().toISOString().replace("Z", "+00:00");
  withDb((db) => {
    const { id: userId } = db.prepare(`SELECT id FROM "User" WHERE email = ?`).get(OWNER.email) as { id: string };
    db.prepare(
      `INSERT INTO "Job" (id, userId, title, originalName, storedName, mimeType, sizeBytes, durationSec, hasVideo, status, progress, model, task, detectedLanguage, languageProb, processingMs, transcriptMeta, createdAt, updatedAt, queuedAt, startedAt, finishedAt)
       VALUES (?, ?, ?, ?, ?, ?, 100000, ?, ?, 'completed', 1, 'whisper-micro', 'transcribe', 'en', 0.9, 2000, NULL, ?, ?, ?, ?, ?)`,
    ).run(id, userId, title, `${title}${ext}`, storedName, mime, durationSec, hasVideo ? 1 : 0, now, now, now, now, now);
    const insert = db.prepare(`INSERT INTO "Segment" (jobId, "index", start, "end", text, originalText) VALUES (?, ?, ?, ?, ?, ?)`);
    SEGMENTS.forEach((s, i) => insert.run(id, i, s.start, s.end, s.text, s.text));
  });
  return { id, file };
}

const mediaOf = (page: Page, selector: "audio" | "video", read: "currentTime" | "playbackRate") =>
  page.evaluate(([sel, key]) => (document.querySelector(sel) as HTMLMediaElement | null)?.[key as "currentTime"] ?? -1, [selector, read] as const);

test.describe.serial("player", () => {
  const jobs: Seeded[] = [];
  let audio: Seeded;
  let long: Seeded;
  let video: Seeded;

  test.beforeAll(async ({ browser }) => {
    const page = await browser.newPage();
    await signIn(page);
    await page.close();
    audio = await seedJob("Player audio", (f) => makeTone(f, 30), ".mp3", "audio/mpeg", 30, false);
    long = await seedJob("Player long", (f) => makeLongWav(f, 45 * 60), ".wav", "audio/wav", 45 * 60, false);
    video = await seedJob(
      "Player video",
      (f) =>
        ffmpeg([
          ...["-f", "lavfi", "-i", "testsrc=size=160x120:rate=10:duration=30", "-f", "lavfi", "-i", "sine=frequency=300:duration=30"],
          ...["-c:v", "libvpx", "-b:v", "100k", "-c:a", "libopus", "-shortest", f as string],
        ]),
      ".webm",
      "video/webm",
      30,
      true,
    );
    jobs.push(audio, long, video);
  });

  test.afterAll(async () => {
    withDb((db) => {
      for (const job of jobs) db.prepare(`DELETE FROM "Job" WHERE id = ?`).run(job.id);
    });
    for (const job of jobs) {
      await rm(job.file, { force: true });
      await rm(`${job.file}.peaks`, { force: true });
    }
  });

  test.beforeEach(async ({ page }) => signIn(page));

  test("draws the waveform from the server's peaks, also past 30 minutes, and shows one duration", async ({ page }) => {
    for (const job of [audio, long]) {
      const peaks = page.waitForResponse((r) => r.url().endsWith(`/api/jobs/${job.id}/peaks`));
      await page.goto(`/jobs/${job.id}`);
      expect((await peaks).status()).toBe(200);
      const player = page.getByRole("region", { name: "Player" });
      await expect(player.getByTestId("waveform")).toHaveAttribute("data-state", "ready", { timeout: 15_000 });
      const duration = job === long ? "45:00" : "0:30";
      await expect(page.getByRole("complementary", { name: "Details" }).getByText(duration, { exact: false }).first()).toBeVisible();
      await expect(player.getByText(`/ ${duration}`)).toBeVisible();
    }
  });

  test("< and > step the speed; , and . move to the previous and next segment", async ({ page }) => {
    await page.goto(`/jobs/${audio.id}`);
    const segments = page.getByTestId("segment");
    await expect(segments).toHaveCount(SEGMENTS.length);
    await expect.poll(() => mediaOf(page, "audio", "playbackRate")).toBe(1);
    await page.locator("body").press(">");
    await expect.poll(() => mediaOf(page, "audio", "playbackRate")).toBe(1.25);
    await page.locator("body").press(">");
    await expect(page.getByLabel("Playback speed")).toHaveValue("1.5");
    await page.locator("body").press("<");
    await page.locator("body").press("<");
    await page.locator("body").press("<");
    await expect.poll(() => mediaOf(page, "audio", "playbackRate")).toBe(0.75);

    await page.locator("body").press(".");
    await expect.poll(() => mediaOf(page, "audio", "currentTime")).toBeCloseTo(5, 1);
    await expect(segments.nth(1)).toHaveAttribute("aria-current", "true");
    await page.locator("body").press(".");
    await page.locator("body").press(".");
    await expect.poll(() => mediaOf(page, "audio", "currentTime")).toBeCloseTo(15, 1);
    await expect(segments.nth(3)).toHaveAttribute("aria-current", "true");
    // Within a second of a segment's start, "previous" goes to the one before.
    await page.locator("body").press(",");
    await expect.poll(() => mediaOf(page, "audio", "currentTime")).toBeCloseTo(10, 1);
    await expect(segments.nth(2)).toHaveAttribute("aria-current", "true");

    await page.getByRole("button", { name: "Keyboard shortcuts" }).click();
    await expect(page.getByTestId("shortcuts-help")).toContainText("Previous or next segment");
    await expect(page.getByTestId("shortcuts-help")).toContainText("Slower or faster");
  });

  test("a video has the transcript as captions, a captions switch and full screen", async ({ page }) => {
    await page.goto(`/jobs/${video.id}`);
    const player = page.getByRole("region", { name: "Player" });
    const track = player.locator('video track[kind="captions"]');
    await expect(track).toHaveAttribute("src", new RegExp(`^/api/jobs/${video.id}/export\\?format=vtt&v=\\w+$`));
    await expect(track).toHaveAttribute("srclang", "en");
    // The browser loads the track and shows it: its cues are the transcript's segments.
    await expect.poll(() => page.evaluate(() => document.querySelector("video")?.textTracks[0]?.cues?.length ?? 0), { timeout: 15_000 }).toBe(SEGMENTS.length);
    expect(await page.evaluate(() => document.querySelector("video")?.textTracks[0]?.mode)).toBe("showing");
    await player.getByRole("button", { name: "Hide captions" }).click();
    expect(await page.evaluate(() => document.querySelector("video")?.textTracks[0]?.mode)).toBe("hidden");
    await page.locator("body").press("c");
    await expect(player.getByRole("button", { name: "Hide captions" })).toBeVisible();

    await player.getByRole("button", { name: "Full screen" }).click();
    await expect.poll(() => page.evaluate(() => document.fullscreenElement?.getAttribute("aria-label") ?? null)).toBe("Player");
    await expect(player.getByRole("button", { name: "Exit full screen" })).toBeVisible();
    await page.locator("body").press("f");
    await expect.poll(() => page.evaluate(() => document.fullscreenElement === null)).toBe(true);
    await expect(player.getByRole("button", { name: "Full screen" })).toBeVisible();

    // A correction reaches the captions without reloading the page.
    const row = page.getByTestId("segment").first();
    await row.hover();
    await row.getByTestId("segment-edit").click();
    await row.getByLabel("Segment text").fill("Captions follow the correction.");
    await row.getByRole("button", { name: "Save" }).click();
    await expect
      .poll(() => page.evaluate(() => (document.querySelector("video")?.textTracks[0]?.cues?.[0] as VTTCue | undefined)?.text ?? null), { timeout: 15_000 })
      .toBe("Captions follow the correction.");
  });
});
