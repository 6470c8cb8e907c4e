// The job page in a real browser against the real server: the player follows the
// transcript both ways (click a segment → the player seeks and the highlight moves;
// keys skip), ?t= deep links, rename in place, tags, and delete. The job is written
// straight into the database with a real tone file, so no model is needed; the
// test removes it again through the page's own Delete.
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { E2E_DIR } from "../../playwright.config";
import { OWNER, signIn, withDb } from "./support";
import { makeTone } from "../helpers/media";

const STORAGE = path.join(E2E_DIR, "storage");
const TAG = "e2e-job-page";
const SEGMENTS = Array.from({ length: 12 }, (_, i) => ({ start: i * 5, end: i * 5 + 4.5, text: ` Line ${i + 1} of the job page test.` }));

/** Word timestamps for a segment: as Whisper writes them (each with its leading space), or bare as rows stored before 14.3. */
function wordsOf(segment: (typeof SEGMENTS)[number], whisperSpaces: boolean) {
  const words = segment.text.trim().split(" ");
  const step = (segment.end - segment.start) / words.length;
  return words.map((word, i) => ({ word: whisperSpaces ? ` ${word}` : word, start: segment.start + i * step, end: segment.start + (i + 1) * step }));
}

/** A completed 60 s job with twelve 5 s segments, owned by OWNER. */
async function seedJob(): Promise<{ id: string; file: string }> {
  const storedName = `${randomUUID()}.mp3`;
  const file = path.join(STORAGE, "uploads", storedName);
  await makeTone(file, 60);
  const id = `jp${randomUUID().replace(/-/g, "").slice(0, 20)}`;
  const now = new Date().toISOString().replace("Z", "+00:00");
  withDb((db) => {
    const { id: userId } = db.prepare(`SELECT id FROM "User" WHERE email = ?`).get(OWNER.email) as { id: string };
    db.prepare(
      `INSERT INTO "Job" (id, userId, title, originalName, storedName, mimeType, sizeBytes, durationSec, status, progress, model, task, detectedLanguage, languageProb, processingMs, createdAt, updatedAt, queuedAt, startedAt, finishedAt)
       VALUES (?, ?, 'Job page test', 'job-page-test.mp3', ?, 'audio/mpeg', 100000, 60, 'completed', 1, 'whisper-micro', 'transcribe', 'fr', 0.93, 20000, ?, ?, ?, ?, ?)`,
    ).run(id, userId, storedName, now, now, now, now, now);
    const insert = db.prepare(`INSERT INTO "Segment" (jobId, "index", start, "end", text, originalText, words) VALUES (?, ?, ?, ?, ?, ?, ?)`);
    SEGMENTS.forEach((s, i) => insert.run(id, i, s.start, s.end, s.text, s.text, i < 2 ? JSON.stringify(wordsOf(s, i === 0)) : null));
  });
  return { id, file };
}

const playerSeconds = (page: Page) => page.evaluate(() => document.querySelector("audio")?.currentTime ?? -1);

test.describe.serial("job page", () => {
  let job: { id: string; file: string };

  test.beforeAll(async ({ browser }) => {
    const page = await browser.newPage();
    await signIn(page);
    await page.close();
    job = await seedJob();
  });

  test.afterAll(async () => {
    withDb((db) => {
      db.prepare(`DELETE FROM "Job" WHERE id = ?`).run(job.id);
      db.prepare(`DELETE FROM "Tag" WHERE name = ?`).run(TAG);
    });
    await rm(job.file, { force: true });
  });

  test.beforeEach(async ({ page }) => signIn(page));

  test("plays the recording in step with the transcript", async ({ page }) => {
    await page.goto(`/jobs/${job.id}`);
    await expect(page.getByRole("heading", { name: "Job page test" })).toBeVisible();
    const details = page.getByRole("complementary", { name: "Details" });
    await expect(details.getByText("French · 93%")).toBeVisible();
    await expect(details.getByText("20 s for 1:00 of audio · 3.0× real time")).toBeVisible();
    const segments = page.getByTestId("segment");
    await expect(segments).toHaveCount(SEGMENTS.length);
    await expect(page.getByTestId("player-time")).toHaveText("0:00");

    // Clicking a segment seeks there and plays; the highlight moves with it.
    await segments.nth(6).click();
    await expect(page.getByTestId("player-time")).toHaveText(/^0:3\d$/);
    await expect(segments.nth(6)).toHaveAttribute("aria-current", "true");
    await expect(page.locator('[data-testid="segment"][aria-current="true"]')).toHaveCount(1);

    // Space pauses, → and ← skip five seconds, and the highlight follows.
    await page.keyboard.press("Space");
    await expect(page.getByRole("button", { name: "Play", exact: true })).toBeVisible();
    const before = await playerSeconds(page);
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => playerSeconds(page)).toBeCloseTo(before + 5, 0);
    await expect(segments.nth(7)).toHaveAttribute("aria-current", "true");
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("ArrowLeft");
    await expect.poll(() => playerSeconds(page)).toBeCloseTo(before - 5, 0);
    await expect(segments.nth(5)).toHaveAttribute("aria-current", "true");

    // Keys typed into a field are text, not shortcuts.
    await page.getByRole("button", { name: "Rename" }).click();
    const t = await playerSeconds(page);
    await page.getByLabel("Name of the recording").press("ArrowLeft");
    await page.getByLabel("Name of the recording").press("Escape");
    expect(await playerSeconds(page)).toBeCloseTo(t, 1);

    await page.getByLabel("Playback speed").selectOption("1.5");
    expect(await page.evaluate(() => document.querySelector("audio")?.playbackRate)).toBe(1.5);
  });

  test("the highlighted segment keeps the spaces between its words", async ({ page }) => {
    await page.goto(`/jobs/${job.id}?t=1`);
    const segments = page.getByTestId("segment");
    for (const n of [0, 1]) {
      if (n === 1) await page.goto(`/jobs/${job.id}?t=6`);
      await expect(segments.nth(n)).toHaveAttribute("aria-current", "true");
      const text = segments.nth(n).locator("p");
      await expect(text.locator("[data-word-start]")).toHaveCount(7);
      await expect(text).toHaveText(`Line ${n + 1} of the job page test.`);
    }
  });

  test("a deep link opened signed out returns there after sign-in, and only to this site", async ({ browser, baseURL }) => {
    // The app project's storageState would sign this context in too: start with no cookies.
    const signedOut = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    try {
      const page = await signedOut.newPage();
      await page.goto(`/jobs/${job.id}?t=42`);
      await expect(page).toHaveURL(/\/login\?next=/);
      await page.getByLabel("Email").fill(OWNER.email);
      await page.getByLabel("Password").fill(OWNER.password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page).toHaveURL(new RegExp(`/jobs/${job.id}\\?t=42$`));
      await expect(page.getByTestId("segment").nth(8)).toHaveAttribute("aria-current", "true");

      // Another site's address in `next` is ignored: the dashboard opens instead.
      for (const next of ["//evil.example/x", "https://evil.example/", "/\\evil.example"]) {
        await page.goto(`/login?next=${encodeURIComponent(next)}`);
        await page.getByLabel("Email").fill(OWNER.email);
        await page.getByLabel("Password").fill(OWNER.password);
        await page.getByRole("button", { name: "Sign in" }).click();
        await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
        expect(new URL(page.url()).origin).toBe(new URL(baseURL ?? "").origin);
      }
    } finally {
      await signedOut.close();
    }
  });

  test("?t= opens the page at that moment", async ({ page }) => {
    await page.goto(`/jobs/${job.id}?t=42`);
    await expect(page.getByTestId("segment").nth(8)).toHaveAttribute("aria-current", "true");
    await expect(page.getByTestId("player-time")).toHaveText(/^0:4[2-9]$/);
  });

  test("renames in place and manages tags", async ({ page }) => {
    await page.goto(`/jobs/${job.id}`);
    await page.getByRole("heading", { name: "Job page test" }).click();
    await page.getByLabel("Name of the recording").fill("Not saved");
    await page.getByLabel("Name of the recording").press("Escape");
    await expect(page.getByRole("heading", { name: "Job page test" })).toBeVisible();
    await page.getByRole("button", { name: "Rename" }).click();
    await page.getByLabel("Name of the recording").fill("Renamed on the job page");
    await page.getByLabel("Name of the recording").press("Enter");
    const heading = page.getByRole("heading", { name: "Renamed on the job page" });
    await expect(heading).toBeVisible();
    await expect(heading).not.toHaveAttribute("aria-busy");
    await page.reload();
    await expect(page.getByRole("heading", { name: "Renamed on the job page" })).toBeVisible();

    await page.getByRole("button", { name: "Add tag" }).click();
    await page.getByPlaceholder("Find or create a tag").fill(TAG);
    await page.getByPlaceholder("Find or create a tag").press("Enter");
    const tags = page.getByRole("list", { name: "Tags of this recording" });
    await expect(page.getByTestId("job-tag")).toHaveText([TAG]);
    await expect(tags).not.toHaveAttribute("aria-busy");
    await page.reload();
    await expect(page.getByTestId("job-tag")).toHaveText([TAG]);
    await page.getByRole("button", { name: `Remove tag ${TAG}` }).click();
    await expect(page.getByTestId("job-tag")).toHaveCount(0);
    await expect(tags).not.toHaveAttribute("aria-busy");
    await page.reload();
    await expect(page.getByTestId("job-tag")).toHaveCount(0);
  });

  test("a job that is not there is a friendly not-found", async ({ page }) => {
    await page.goto("/jobs/no-such-job");
    await expect(page.getByText("This recording is not here")).toBeVisible();
  });

  test("delete moves it to the trash; Trash restores it, and Delete forever removes the file", async ({ page }) => {
    await page.goto(`/jobs/${job.id}`);
    await page.getByRole("button", { name: "Delete" }).click();
    const confirm = page.getByRole("alertdialog");
    await expect(confirm).toContainText("Restore them from Trash until the server removes them for good, 30 days from now.");
    await confirm.getByRole("button", { name: "Move to trash" }).click();
    await expect(page).toHaveURL(/\/$/);
    await page.goto(`/jobs/${job.id}`);
    await expect(page.getByText("This recording is not here")).toBeVisible();
    expect(existsSync(job.file)).toBe(true);

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Trash" }).click();
    const row = page.getByTestId("trash-row").filter({ hasText: "Renamed on the job page" });
    await expect(row).toContainText("removed for good");
    await row.getByRole("button", { name: "Restore" }).click();
    await expect(page.getByText("It is back on the dashboard.")).toBeVisible();
    await page.goto(`/jobs/${job.id}`);
    await expect(page.getByTestId("segment")).toHaveCount(SEGMENTS.length);

    await page.getByRole("button", { name: "Delete" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Move to trash" }).click();
    await expect(page).toHaveURL(/\/$/);
    await page.goto("/trash");
    await page.getByRole("button", { name: "Delete Renamed on the job page forever" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Delete forever" }).click();
    await expect(page.getByText("The trash is empty")).toBeVisible();
    await expect.poll(() => existsSync(job.file)).toBe(false);
  });
});
