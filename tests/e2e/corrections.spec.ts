// Corrections in a real browser against the real server: edit a segment in place,
// find the edit from the search page and land on it with the player there; revert,
// undo, split, merge, times, speaker names, find and replace; and the downloads
// (job page, dashboard row, dashboard selection) carry the edits. The job is written
// straight into the database with a real tone file, so no model is needed; the test
// removes both again.
import { randomUUID } from "node:crypto";
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { E2E_DIR } from "../../playwright.config";
import { OWNER, signIn, withDb } from "./support";
import { makeTone } from "../helpers/media";

const STORAGE = path.join(E2E_DIR, "storage");
const TITLE = "Corrections test";
const SPEAKERS = ["Alice", "Bob"];
const SEGMENTS = Array.from({ length: 10 }, (_, i) => ({
  start: i * 6,
  end: i * 6 + 5.5,
  text: ` Sentence ${i + 1} of the corrections test about the harbour.`,
  speaker: SPEAKERS[i % 2],
}));
// One word nothing else in the database contains, so the search has one answer.
const UNIQUE = `quillfeather${randomUUID()
  .replace(/[^a-f]/g, "")
  .slice(0, 6)}`;
const EDITED = 7;

/** A completed 60 s job with ten 6 s segments and two speakers, owned by OWNER. */
async function seedJob(): Promise<{ id: string; file: string }> {
  const storedName = `${randomUUID()}.mp3`;
  const file = path.join(STORAGE, "uploads", storedName);
  await makeTone(file, 60);
  const id = `co${randomUUID().replace(/-/g, "").slice(0, 20)}`;
  const now = new Date().toISOString().replace("Z", "+00:00");
  withDb((db) => {
    const { id: userId } = db.prepare(`SELECT id FROM "User" WHERE email = ?`).get(OWNER.email) as { id: string };
    db.prepare(
      `INSERT INTO "Job" (id, userId, title, originalName, storedName, mimeType, sizeBytes, durationSec, status, progress, model, task, detectedLanguage, languageProb, processingMs, createdAt, updatedAt, queuedAt, startedAt, finishedAt)
       VALUES (?, ?, ?, 'corrections-test.mp3', ?, 'audio/mpeg', 100000, 60, 'completed', 1, 'whisper-micro', 'transcribe', 'en', 0.98, 20000, ?, ?, ?, ?, ?)`,
    ).run(id, userId, TITLE, storedName, now, now, now, now, now);
    const insert = db.prepare(`INSERT INTO "Segment" (jobId, "index", start, "end", text, originalText, speaker) VALUES (?, ?, ?, ?, ?, ?, ?)`);
    SEGMENTS.forEach((s, i) => insert.run(id, i, s.start, s.end, s.text, s.text, s.speaker));
  });
  return { id, file };
}

const playerSeconds = (page: Page) => page.evaluate(() => document.querySelector("audio")?.currentTime ?? -1);

/** Opens a segment's editor through its pencil button, which shows on hover or focus. */
async function openEditor(row: Locator): Promise<Locator> {
  await row.hover();
  await row.getByTestId("segment-edit").click();
  const editor = row.getByLabel("Segment text");
  await expect(editor).toBeFocused();
  return editor;
}

test.describe.serial("corrections", () => {
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
  });

  test.beforeEach(async ({ page }) => signIn(page));

  test("an edit saved with Enter is found by search, and its result plays from that segment", async ({ page }) => {
    await page.goto(`/jobs/${job.id}`);
    const segments = page.getByTestId("segment");
    await expect(segments).toHaveCount(SEGMENTS.length);
    const row = segments.nth(EDITED);

    // Escape leaves the text as it was; typing and clicking in the editor neither seeks nor plays.
    let editor = await openEditor(row);
    await editor.fill("Not kept");
    await editor.press("Escape");
    await expect(row.getByLabel("Segment text")).toHaveCount(0);
    await expect(row).toContainText(SEGMENTS[EDITED].text.trim());
    await expect(row.getByTestId("segment-edit")).toBeFocused();

    editor = await openEditor(row);
    await editor.click();
    await editor.press("Space");
    await editor.press("ArrowLeft");
    expect(await playerSeconds(page)).toBe(0);
    expect(await page.evaluate(() => document.querySelector("audio")?.paused)).toBe(true);

    await editor.fill(`Sentence eight mentions the ${UNIQUE} by name.`);
    await editor.press("Enter");
    await expect(row.getByLabel("Segment text")).toHaveCount(0);
    await expect(row).toContainText(`Sentence eight mentions the ${UNIQUE} by name.`);
    const marker = row.getByTestId("edited-marker");
    await expect(marker).toBeVisible();
    await expect(marker).toHaveAttribute("title", `Machine text: ${SEGMENTS[EDITED].text.trim()}`);
    await expect(page.getByTestId("undo")).toHaveText("Undo (1)");
    await page.reload();
    await expect(segments.nth(EDITED)).toContainText(UNIQUE);

    await page.goto("/search");
    await page.getByLabel("Search transcripts").fill(UNIQUE);
    await page.getByRole("button", { name: "Search", exact: true }).click();
    const results = page.getByTestId("search-result");
    await expect(results).toHaveCount(1);
    await expect(page.getByTestId("search-group")).toContainText(TITLE);
    // The page plays on from there, so note where the player first landed (the
    // result is a client-side link; the init script covers a full page load).
    const noteFirstSeek = () => {
      const w = window as unknown as { firstSeek?: number };
      document.addEventListener("seeked", (e) => (w.firstSeek ??= (e.target as HTMLMediaElement).currentTime), true);
    };
    await page.addInitScript(noteFirstSeek);
    await page.evaluate(noteFirstSeek);
    await results.first().click();

    const { start, end } = SEGMENTS[EDITED];
    await expect(page).toHaveURL(new RegExp(`/jobs/${job.id}\\?t=${start}`));
    await expect(segments.nth(EDITED)).toHaveAttribute("aria-current", "true");
    await expect(page.locator('[data-testid="segment"][aria-current="true"]')).toHaveCount(1);
    const firstSeek = () => page.evaluate(() => (window as unknown as { firstSeek?: number }).firstSeek ?? -1);
    await expect.poll(firstSeek).toBeGreaterThanOrEqual(0);
    expect(Math.abs((await firstSeek()) - start)).toBeLessThan(1);
    const now = await playerSeconds(page);
    expect(now).toBeGreaterThanOrEqual(start - 0.1);
    expect(now).toBeLessThan(end);
  });

  test("downloads carry the edit: job page, dashboard row and dashboard selection", async ({ page }) => {
    await page.goto(`/jobs/${job.id}`);
    await page.getByTestId("download-menu").click();
    const link = page.getByRole("menuitem", { name: /Plain text/ });
    expect(await link.getAttribute("href")).toBe(`/api/jobs/${job.id}/export?format=txt`);
    const [txt] = await Promise.all([page.waitForEvent("download"), link.click()]);
    expect(txt.suggestedFilename()).toBe("corrections-test.txt");
    expect(await readFile(await txt.path(), "utf8")).toContain(UNIQUE);

    // The other formats answer from the same links, with the page's session.
    await page.getByTestId("download-menu").click();
    const srtHref = await page.getByRole("menuitem", { name: /SubRip/ }).getAttribute("href");
    const srt = await page.request.get(srtHref!);
    expect(srt.status()).toBe(200);
    expect(await srt.text()).toContain(UNIQUE);
    await page.keyboard.press("Escape");

    await page.goto("/");
    const jobRow = page.getByTestId("job-row").filter({ hasText: TITLE });
    await jobRow.getByRole("button", { name: `Actions for ${TITLE}` }).click();
    // By keyboard: → opens the submenu, Enter on an item follows its link.
    await page.getByRole("menuitem", { name: "Download as…" }).press("ArrowRight");
    const markdown = page.getByRole("menuitem", { name: /Markdown/ });
    await expect(page.getByRole("menuitem", { name: /Plain text/ })).toBeFocused();
    const [md] = await Promise.all([page.waitForEvent("download"), markdown.press("Enter")]);
    expect(md.suggestedFilename()).toBe("corrections-test.md");
    expect(await readFile(await md.path(), "utf8")).toContain(UNIQUE);

    await jobRow.getByRole("checkbox", { name: `Select ${TITLE}` }).check();
    await page
      .getByTestId("bulk-bar")
      .getByRole("button", { name: /Download/ })
      .click();
    const [zip] = await Promise.all([page.waitForEvent("download"), page.getByRole("menuitem", { name: /WebVTT/ }).click()]);
    expect(zip.suggestedFilename()).toMatch(/\.zip$/);
    const files = unzipSync(await readFile(await zip.path()));
    expect(Object.keys(files)).toEqual(["corrections-test.vtt"]);
    expect(strFromU8(files["corrections-test.vtt"])).toContain(UNIQUE);
    // Still on the dashboard: the browser took the form's answer as a download.
    await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  });

  test("revert restores the machine text; undo, by button and by Ctrl+Z, steps back", async ({ page }) => {
    await page.goto(`/jobs/${job.id}`);
    const row = page.getByTestId("segment").nth(EDITED);
    await expect(row).toContainText(UNIQUE);
    await row.getByTestId("edited-marker").click();
    await expect(page.getByText("The machine wrote")).toBeVisible();
    await page.getByRole("button", { name: "Revert to machine text" }).click();
    await expect(row).toContainText(SEGMENTS[EDITED].text.trim());
    await expect(row.getByTestId("edited-marker")).toHaveCount(0);
    await expect(page.getByTestId("undo")).toHaveText("Undo (2)");
    expect(await playerSeconds(page)).toBe(0);

    // Ctrl+Z outside a field undoes the revert; the button undoes the edit.
    await page.getByRole("heading", { name: "Transcript" }).click();
    await page.keyboard.press("Control+z");
    await expect(row).toContainText(UNIQUE);
    await expect(page.getByTestId("undo")).toHaveText("Undo (1)");
    await page.getByTestId("undo").click();
    await expect(row).toContainText(SEGMENTS[EDITED].text.trim());
    await expect(page.getByTestId("undo")).toHaveText("Undo (0)");
    await expect(page.getByTestId("undo")).toBeDisabled();

    const exported = await page.request.get(`/api/jobs/${job.id}/export?format=txt`);
    expect(await exported.text()).not.toContain(UNIQUE);
  });

  test("split at the cursor, merge back, shift times and rename a speaker", async ({ page }) => {
    await page.goto(`/jobs/${job.id}`);
    const segments = page.getByTestId("segment");
    const row = segments.nth(2);
    const editor = await openEditor(row);
    // Shift+Enter splits where the cursor is: after "Sentence 3 of the".
    await editor.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(18, 18));
    await editor.press("Shift+Enter");
    await expect(segments).toHaveCount(SEGMENTS.length + 1);
    await expect(segments.nth(2)).toContainText("Sentence 3 of the");
    await expect(segments.nth(3)).toContainText("corrections test about the harbour.");
    await expect(segments.nth(3).getByTestId("segment-edit")).toBeFocused();

    await segments.nth(2).hover();
    await page.getByRole("button", { name: "More corrections for the segment at 0:12" }).click();
    await page.getByRole("menuitem", { name: "Merge with next" }).click();
    await expect(segments).toHaveCount(SEGMENTS.length);
    await expect(segments.nth(2)).toContainText(SEGMENTS[2].text.trim());

    // T opens the times; nudge the start a tenth later and type the end.
    await segments.nth(4).getByRole("button", { name: "Play from 0:24" }).focus();
    await page.keyboard.press("t");
    await segments.nth(4).getByRole("button", { name: "Move the start 0.1 s later" }).click();
    await segments.nth(4).getByLabel("End (seconds)").fill("29");
    await segments.nth(4).getByRole("button", { name: "Save times" }).click();
    await expect(segments.nth(4).getByRole("form", { name: "Segment times" })).toHaveCount(0);
    const json = await (await page.request.get(`/api/jobs/${job.id}/transcript`)).json();
    expect(json.segments[4]).toMatchObject({ start: 24.1, end: 29 });

    await segments.nth(1).getByRole("button", { name: "Bob" }).click();
    await page.getByLabel("Rename “Bob” everywhere").fill("Robert");
    await page.getByLabel("Rename “Bob” everywhere").press("Enter");
    await expect(segments.getByRole("button", { name: "Robert" })).toHaveCount(5);
    await expect(page.getByTestId("transcript-status")).toHaveText("Renamed “Bob” to “Robert” in 5 segments.");
  });

  test("find and replace previews the matches, replaces them all, and one undo reverts it", async ({ page }) => {
    await page.goto(`/jobs/${job.id}`);
    const before = await page.getByTestId("undo").textContent();
    await page.getByRole("heading", { name: "Transcript" }).click();
    await page.keyboard.press("Control+Shift+F");
    const find = page.getByLabel("Find", { exact: true });
    await expect(find).toBeFocused();
    await find.fill("HARBOUR");
    const matches = page.getByTestId("find-matches").getByRole("button");
    await expect(matches).toHaveCount(SEGMENTS.length);
    await page.getByLabel("Match case").check();
    await expect(page.getByTestId("find-panel")).toContainText("No matches.");
    await page.getByLabel("Match case").uncheck();
    await expect(matches).toHaveCount(SEGMENTS.length);
    await page.getByLabel("Replace with").fill("port");
    await expect(matches.first().locator("del")).toHaveText("harbour");
    await expect(matches.first().locator("ins")).toHaveText("port");

    // A match jumps the player to its segment.
    await matches.nth(5).click();
    await expect(page.getByTestId("segment").nth(5)).toHaveAttribute("aria-current", "true");

    await page.getByRole("button", { name: `Replace all (${SEGMENTS.length})` }).click();
    await expect(page.getByTestId("find-panel")).toContainText(`Replaced in ${SEGMENTS.length} segments.`);
    await expect(page.getByTestId("segment").filter({ hasText: "about the port." })).toHaveCount(SEGMENTS.length);
    await expect(page.getByTestId("edited-marker")).toHaveCount(SEGMENTS.length);

    await page.keyboard.press("Escape");
    await expect(page.getByTestId("find-panel")).toHaveCount(0);
    await page.getByTestId("undo").click();
    await expect(page.getByTestId("segment").filter({ hasText: "about the harbour." })).toHaveCount(SEGMENTS.length);
    await expect(page.getByTestId("undo")).toHaveText(before!);
  });

  test("typing and then splitting is one server action and one undo step", async ({ page }) => {
    await page.goto(`/jobs/${job.id}`);
    const segments = page.getByTestId("segment");
    const before = await page.getByTestId("undo").textContent();
    const editor = await openEditor(segments.nth(5));
    const calls: string[] = [];
    page.on("request", (request) => {
      if (request.method() === "POST" && request.headers()["next-action"]) calls.push(request.headers()["next-action"]);
    });
    // Not saved yet: the split takes the typed text with it. The cursor goes after "amended".
    await editor.fill("Sentence 6 of the amended corrections test about the harbour.");
    await editor.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(25, 25));
    await editor.press("Shift+Enter");
    await expect(segments).toHaveCount(SEGMENTS.length + 1);
    await expect(segments.nth(5)).toContainText("Sentence 6 of the amended");
    await expect(segments.nth(5)).not.toContainText("corrections test");
    await expect(segments.nth(6)).toContainText("corrections test about the harbour.");
    expect(calls).toHaveLength(1);

    await page.getByTestId("undo").click();
    await expect(segments).toHaveCount(SEGMENTS.length);
    await expect(segments.nth(5)).toContainText(SEGMENTS[5].text.trim());
    await expect(page.getByTestId("undo")).toHaveText(before!);
  });

  test("an edit after the session was signed out in another browser asks to sign in, and saves nothing", async ({ browser }) => {
    const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const page = await context.newPage();
    await signIn(page);
    // A second browser holding the same session signs out: the server ends it.
    const elsewhere = await browser.newContext({ storageState: await context.storageState() });
    const other = await elsewhere.newPage();
    try {
      await page.goto(`/jobs/${job.id}`);
      const row = page.getByTestId("segment").nth(3);
      const editor = await openEditor(row);
      await other.goto("/");
      await other.getByRole("button", { name: "Sign out" }).click();
      await expect(other).toHaveURL(/\/login/);

      await editor.fill("Written after signing out.");
      await editor.press("Enter");
      await expect(row.getByRole("alert")).toHaveText("Sign in to continue.");
      const stored = withDb((db) => db.prepare(`SELECT text FROM "Segment" WHERE jobId = ? AND "index" = 3`).get(job.id) as { text: string });
      expect(stored.text).toBe(SEGMENTS[3].text);
    } finally {
      await elsewhere.close();
      await context.close();
    }
  });
});
