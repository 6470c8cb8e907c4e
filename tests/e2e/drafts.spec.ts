// Corrections are not lost and can be typed like a document (issue 14.4), in a real
// browser against the real server: text typed in a segment editor survives following
// a link and a reload (the editor opens again with it); Enter saves and goes on to the
// next segment, Alt+↑ back to the previous one; Escape drops the draft. The job is
// written straight into the database, so no model is needed.
import { randomUUID } from "node:crypto";
import { rm } from "node:fs/promises";
import path from "node:path";
import { expect, test, type Locator } from "@playwright/test";
import { OWNER, STORAGE, signIn, withDb } from "./support";
import { makeTone } from "../helpers/media";

const SEGMENTS = Array.from({ length: 5 }, (_, i) => ({ start: i * 4, end: i * 4 + 3.5, text: ` Draft line ${i + 1}.` }));

async function seedJob(): Promise<{ id: string; file: string }> {
  const storedName = `${randomUUID()}.mp3`;
  const file = path.join(STORAGE, "uploads", storedName);
  await makeTone(file, 20);
  const id = `dr${randomUUID().replace(/-/g, "").slice(0, 20)}`;
  const now = new Date().toISOString().replace("Z", "+00:00");
  withDb((db) => {
    const { id: userId } = db.prepare(`SELECT id FROM "User" WHERE email = ?`).get(OWNER.email) as { id: string };
    db.prepare(
      `INSERT INTO "Job" (id, userId, title, originalName, storedName, mimeType, sizeBytes, durationSec, status, progress, model, task, detectedLanguage, languageProb, processingMs, createdAt, updatedAt, queuedAt, startedAt, finishedAt)
       VALUES (?, ?, 'Drafts test', 'drafts-test.mp3', ?, 'audio/mpeg', 100000, 20, 'completed', 1, 'whisper-micro', 'transcribe', 'en', 0.9, 2000, ?, ?, ?, ?, ?)`,
    ).run(id, userId, storedName, now, now, now, now, now);
    const insert = db.prepare(`INSERT INTO "Segment" (jobId, "index", start, "end", text, originalText) VALUES (?, ?, ?, ?, ?, ?)`);
    SEGMENTS.forEach((s, i) => insert.run(id, i, s.start, s.end, s.text, s.text));
  });
  return { id, file };
}

const storedText = (jobId: string, index: number) =>
  withDb((db) => (db.prepare(`SELECT text FROM "Segment" WHERE jobId = ? AND "index" = ?`).get(jobId, index) as { text: string }).text);

async function openEditor(row: Locator): Promise<Locator> {
  await row.hover();
  await row.getByTestId("segment-edit").click();
  const editor = row.getByLabel("Segment text");
  await expect(editor).toBeFocused();
  return editor;
}

test.describe.serial("drafts and typing through", () => {
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

  test.beforeEach(async ({ page }) => signIn(page));

  test("text typed and left by following a link or reloading is there on return, and saves", async ({ page }) => {
    await page.goto(`/jobs/${job.id}`);
    const segments = page.getByTestId("segment");
    await expect(segments).toHaveCount(SEGMENTS.length);
    const editor = await openEditor(segments.nth(1));
    await editor.fill("Typed, then a link was followed.");

    await page.getByRole("link", { name: "Dashboard" }).first().click();
    await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
    await page.goBack();
    const restored = segments.nth(1).getByLabel("Segment text");
    await expect(restored).toHaveValue("Typed, then a link was followed.");
    await expect(segments.nth(1).getByTestId("draft-restored")).toBeVisible();
    // Nothing was saved by leaving.
    expect(storedText(job.id, 1)).toBe(SEGMENTS[1].text);

    await restored.fill("Typed, then the page was reloaded.");
    await page.reload();
    await expect(segments.nth(1).getByLabel("Segment text")).toHaveValue("Typed, then the page was reloaded.");
    await segments.nth(1).getByRole("button", { name: "Save" }).click();
    await expect.poll(() => storedText(job.id, 1)).toBe("Typed, then the page was reloaded.");
    await page.reload();
    await expect(segments).toHaveCount(SEGMENTS.length);
    await expect(page.getByLabel("Segment text")).toHaveCount(0);
  });

  test("Enter saves and goes on to the next segment, Alt+↑ back; Escape drops the draft", async ({ page }) => {
    await page.goto(`/jobs/${job.id}`);
    const segments = page.getByTestId("segment");
    const first = await openEditor(segments.nth(2));
    await first.fill("Third, corrected.");
    await first.press("Enter");
    const next = segments.nth(3).getByLabel("Segment text");
    await expect(next).toBeFocused();
    await expect(segments.nth(2).getByLabel("Segment text")).toHaveCount(0);
    await expect.poll(() => storedText(job.id, 2)).toBe("Third, corrected.");

    await next.fill("Fourth, corrected.");
    await next.press("Alt+ArrowUp");
    const back = segments.nth(2).getByLabel("Segment text");
    await expect(back).toBeFocused();
    await expect(back).toHaveValue("Third, corrected.");
    await expect.poll(() => storedText(job.id, 3)).toBe("Fourth, corrected.");

    // Unchanged text: Alt+↓ and Enter only move on, saving nothing.
    await back.press("Alt+ArrowDown");
    await expect(segments.nth(3).getByLabel("Segment text")).toBeFocused();
    await segments.nth(3).getByLabel("Segment text").press("Enter");
    const last = segments.nth(4).getByLabel("Segment text");
    await expect(last).toBeFocused();
    await last.fill("Not wanted after all.");
    await last.press("Escape");
    await expect(page.getByLabel("Segment text")).toHaveCount(0);
    await page.reload();
    await expect(segments).toHaveCount(SEGMENTS.length);
    await expect(page.getByLabel("Segment text")).toHaveCount(0);
    expect(storedText(job.id, 4)).toBe(SEGMENTS[4].text);
    expect(await page.getByTestId("undo").textContent()).toBe("Undo (3)");
  });
});
