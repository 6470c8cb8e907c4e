// Find and replace beyond "Replace all" (issue 14.12), in a real browser against the
// real server: the matches are marked in the transcript itself, Next and Previous step
// through them (the current one marked more strongly), Replace changes only the current
// match and moves on, Skip leaves it; Undo and Redo step back and forth. The job is
// written straight into the database, so no model is needed.
import { randomUUID } from "node:crypto";
import { rm } from "node:fs/promises";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { OWNER, STORAGE, signIn, withDb } from "./support";
import { makeTone } from "../helpers/media";

const SEGMENTS = [" The colour of the sky.", " A colour and another colour.", " No match here.", " Colour me surprised."];

async function seedJob(): Promise<{ id: string; file: string }> {
  const storedName = `${randomUUID()}.mp3`;
  const file = path.join(STORAGE, "uploads", storedName);
  await makeTone(file, 16);
  const id = `fr${randomUUID().replace(/-/g, "").slice(0, 20)}`;
  const now = new Date().toISOString().replace("Z", "+00:00");
  withDb((db) => {
    const { id: userId } = db.prepare(`SELECT id FROM "User" WHERE email = ?`).get(OWNER.email) as { id: string };
    db.prepare(
      `INSERT INTO "Job" (id, userId, title, originalName, storedName, mimeType, sizeBytes, durationSec, status, progress, model, task, detectedLanguage, languageProb, processingMs, createdAt, updatedAt, queuedAt, startedAt, finishedAt)
       VALUES (?, ?, 'Find and replace test', 'find-replace.mp3', ?, 'audio/mpeg', 100000, 16, 'completed', 1, 'whisper-micro', 'transcribe', 'en', 0.9, 2000, ?, ?, ?, ?, ?)`,
    ).run(id, userId, storedName, now, now, now, now, now);
    const insert = db.prepare(`INSERT INTO "Segment" (jobId, "index", start, "end", text, originalText) VALUES (?, ?, ?, ?, ?, ?)`);
    SEGMENTS.forEach((text, i) => insert.run(id, i, i * 4, i * 4 + 3.5, text, text));
  });
  return { id, file };
}

const texts = (jobId: string) =>
  withDb((db) => (db.prepare(`SELECT text FROM "Segment" WHERE jobId = ? ORDER BY "index"`).all(jobId) as { text: string }[]).map((r) => r.text.trim()));

test.describe.serial("find and replace", () => {
  let job: { id: string; file: string };

  test.beforeAll(async ({ browser }) => {
    const page = await browser.newPage();
    await signIn(page);
    await page.close();
    job = await seedJob();
  });

  test.afterAll(async () => {
    withDb((db) => db.prepare(`DELETE FROM "Job" WHERE id = ?`).run(job.id));
    await rm(job.file, { force: true });
    await rm(`${job.file}.peaks`, { force: true });
  });

  test("steps through the matches marked in the transcript, replaces one, skips one, and undo and redo step back and forth", async ({ page }) => {
    await signIn(page);
    await page.goto(`/jobs/${job.id}`);
    const segments = page.getByTestId("segment");
    await expect(segments).toHaveCount(SEGMENTS.length);
    await page.getByRole("button", { name: "Find and replace" }).click();
    const panel = page.getByTestId("find-panel");
    await panel.getByLabel("Find", { exact: true }).fill("colour");
    const position = panel.getByTestId("find-position");
    await expect(position).toHaveText("1 of 4");
    // Marked in the transcript itself, the current one apart.
    await expect(segments.locator("[data-find-match]")).toHaveCount(4);
    await expect(segments.nth(0).locator("[data-current-match]")).toHaveText("colour");
    await expect(segments.locator("[data-current-match]")).toHaveCount(1);

    await panel.getByRole("button", { name: "Next match" }).click();
    await expect(position).toHaveText("2 of 4");
    await expect(segments.nth(1).locator("[data-current-match]")).toHaveCount(1);
    // Enter in the Find field is Next, Shift+Enter Previous.
    await panel.getByLabel("Find", { exact: true }).press("Enter");
    await expect(position).toHaveText("3 of 4");
    await panel.getByLabel("Find", { exact: true }).press("Shift+Enter");
    await panel.getByRole("button", { name: "Previous match" }).click();
    await expect(position).toHaveText("1 of 4");

    await panel.getByLabel("Replace with").fill("color");
    await panel.getByTestId("replace-one").click();
    await expect.poll(() => texts(job.id)).toEqual(["The color of the sky.", "A colour and another colour.", "No match here.", "Colour me surprised."]);
    await expect(position).toHaveText("1 of 3");
    await expect(segments.nth(1).locator("[data-current-match]")).toHaveText("colour");
    await expect(segments.nth(0).locator("[data-find-match]")).toHaveCount(0);

    await panel.getByTestId("skip-match").click();
    await expect(position).toHaveText("2 of 3");
    await panel.getByLabel("Replace with").press("Enter");
    await expect.poll(() => texts(job.id)).toEqual(["The color of the sky.", "A colour and another color.", "No match here.", "Colour me surprised."]);
    await expect(position).toHaveText("2 of 2");
    await expect(segments.nth(3).locator("[data-current-match]")).toHaveText("Colour");

    await expect(page.getByTestId("undo")).toHaveText("Undo (2)");
    await expect(page.getByTestId("redo")).toHaveText("Redo (0)");
    await page.getByTestId("undo").click();
    await expect.poll(() => texts(job.id)).toEqual(["The color of the sky.", "A colour and another colour.", "No match here.", "Colour me surprised."]);
    await expect(page.getByTestId("redo")).toHaveText("Redo (1)");
    await page.getByTestId("redo").click();
    await expect.poll(() => texts(job.id)).toEqual(["The color of the sky.", "A colour and another color.", "No match here.", "Colour me surprised."]);
    await expect(page.getByTestId("undo")).toHaveText("Undo (2)");
    await expect(page.getByTestId("redo")).toHaveText("Redo (0)");

    // Closing the panel takes the marks away.
    await panel.getByRole("button", { name: "Close find and replace" }).click();
    await expect(segments.locator("[data-find-match]")).toHaveCount(0);
  });
});
