// The dashboard in a real browser against the real server: the no-model state, a
// batch upload with one bad file, live status, URL filters, tags and bulk delete.
// Everything it creates (model folder, jobs, tags, temp files) is removed again.
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { expect, test } from "@playwright/test";
import { E2E_DIR } from "../../playwright.config";
import { OWNER, signIn } from "./support";
import { MICRO_MODEL, installModel } from "../helpers/fixtures";
import { makeTone } from "../helpers/media";
import { createTag, seedJobs } from "../helpers/seed";
import { makeTestModel } from "../../scripts/gen/test-model/index";

const MODEL_DIR = path.join(E2E_DIR, "models", "whisper-micro");
const UPLOAD_TAG = "e2e-upload";
const MANAGED_TAG = "E2E Interviews";

test.describe.serial("dashboard", () => {
  let media: string;

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    media = await mkdtemp(path.join(tmpdir(), "selenite-dashboard-"));
    await makeTone(path.join(media, "tone-one.mp3"), 3);
    await makeTone(path.join(media, "tone-two.wav"), 2);
    await writeFile(path.join(media, "notes.mp3"), "plain text pretending to be audio\n");
  });

  test.afterAll(async () => {
    await rm(media, { recursive: true, force: true });
    await rm(MODEL_DIR, { recursive: true, force: true });
  });

  test("without a model, the upload area says how to install one", async ({ page }) => {
    await rm(MODEL_DIR, { recursive: true, force: true });
    await signIn(page);
    await expect(page.getByText("No Whisper model is installed yet.")).toBeVisible();
    await expect(page.getByRole("button", { name: /^Download whisper-\S+ now$/ })).toBeVisible();
    await expect(page.getByTestId("upload-input")).toHaveCount(0);
  });

  test("a batch upload: good files are queued and finish live, the bad one says why", async ({ page }) => {
    test.setTimeout(180_000);
    if (existsSync(MICRO_MODEL)) installModel(path.dirname(MODEL_DIR), MICRO_MODEL);
    else await makeTestModel({ outDir: MODEL_DIR });
    await signIn(page);

    const tags = page.getByLabel("Tags", { exact: true });
    await tags.fill(UPLOAD_TAG);
    await tags.press("Enter");
    await page.getByTestId("upload-input").setInputFiles(["tone-one.mp3", "notes.mp3", "tone-two.wav"].map((f) => path.join(media, f)));

    const rows = page.getByTestId("upload-row");
    await expect(rows).toHaveCount(3);
    const bad = rows.filter({ hasText: "notes.mp3" });
    await expect(bad).toHaveAttribute("data-state", "rejected", { timeout: 30_000 });
    await expect(bad.getByTestId("upload-error")).toContainText(/not an audio or video file/i);
    for (const name of ["tone-one.mp3", "tone-two.wav"]) {
      await expect(rows.filter({ hasText: name }).getByRole("link", { name: "Queued" })).toBeVisible({ timeout: 30_000 });
    }

    // The new jobs appear without a reload and their status moves on by itself.
    const jobs = page.getByTestId("job-row");
    await expect(jobs).toHaveCount(2);
    await expect(jobs.first()).toHaveAttribute("data-job-id", /.+/);
    for (const row of await jobs.all()) {
      await expect(row.getByTestId("job-status")).toHaveText(/Completed|Failed/, { timeout: 120_000 });
      await expect(row.getByRole("link", { name: UPLOAD_TAG })).toBeVisible();
    }
  });

  test("filters live in the URL and survive a reload", async ({ page }) => {
    await signIn(page);
    await page.getByRole("group", { name: "Status" }).getByRole("button", { name: "Queued" }).click();
    await expect(page).toHaveURL(/status=queued/);
    await expect(page.getByText("No jobs match these filters")).toBeVisible();
    await page.getByRole("link", { name: "Clear filters" }).click();
    await expect(page.getByTestId("job-row")).toHaveCount(2);

    await page.getByLabel("Search by file name").fill("tone-two");
    await expect(page).toHaveURL(/q=tone-two/);
    await expect(page.getByTestId("job-row")).toHaveCount(1);
    await page.reload();
    await expect(page.getByLabel("Search by file name")).toHaveValue("tone-two");
    await expect(page.getByTestId("job-row")).toHaveCount(1);

    await page.goto("/?from=2000-01-01&to=2000-01-31");
    await expect(page.getByText("No jobs match these filters")).toBeVisible();
  });

  test("tags: create, assign to a selection, filter by it, rename, delete with a count", async ({ page }) => {
    await signIn(page);
    await page.getByRole("button", { name: "Tags", exact: true }).click();
    const manager = page.getByRole("dialog");
    await manager.getByLabel("New tag", { exact: true }).fill(MANAGED_TAG);
    await manager.getByRole("radio", { name: "Teal" }).click();
    await manager.getByRole("button", { name: "Create" }).click();
    await expect(manager.getByRole("textbox", { name: `Name of tag ${MANAGED_TAG}` })).toBeVisible();
    await page.keyboard.press("Escape");

    await page.getByLabel("Select all jobs on this page").check();
    const bar = page.getByTestId("bulk-bar");
    await expect(bar).toContainText("2 selected");
    await bar.getByRole("button", { name: /Tags/ }).click();
    await page.getByRole("menuitem", { name: "Add tag" }).click();
    await page.getByRole("menuitem", { name: MANAGED_TAG }).click();
    await expect(page.getByTestId("notice")).toContainText("Tagged 2 jobs.");

    await page.getByTestId("job-row").first().getByRole("link", { name: MANAGED_TAG }).click();
    await expect(page).toHaveURL(/tag=/);
    await expect(page.getByTestId("job-row")).toHaveCount(2);

    await page.getByRole("button", { name: "Tags", exact: true }).click();
    const renamed = `${MANAGED_TAG} 2`;
    const name = manager.getByRole("textbox", { name: `Name of tag ${MANAGED_TAG}` });
    await name.fill(renamed);
    await name.press("Enter");
    await expect(manager.getByRole("textbox", { name: `Name of tag ${renamed}` })).toBeVisible();
    for (const tag of [renamed, UPLOAD_TAG]) {
      await manager.getByRole("button", { name: `Delete tag ${tag}` }).click();
      const confirm = page.getByRole("alertdialog");
      await expect(confirm).toContainText("2 jobs have this tag.");
      await confirm.getByRole("button", { name: "Delete tag" }).click();
      await expect(manager.getByRole("button", { name: `Delete tag ${tag}` })).toHaveCount(0);
    }
  });

  test("bulk delete asks first, then moves the jobs to the trash", async ({ page }) => {
    await signIn(page);
    await page.getByLabel("Select all jobs on this page").check();
    await page.getByTestId("bulk-bar").getByRole("button", { name: "Delete" }).click();
    const confirm = page.getByRole("alertdialog");
    await expect(confirm.getByRole("heading")).toHaveText("Move 2 jobs to the trash?");
    await confirm.getByRole("button", { name: "Move to trash" }).click();
    await expect(page.getByText("No transcripts yet")).toBeVisible();
    await page.goto("/trash");
    await expect(page.getByTestId("trash-row")).toHaveCount(2);
    await page.getByRole("button", { name: "Empty trash" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Delete 2 recordings forever" }).click();
    await expect(page.getByText("The trash is empty")).toBeVisible();
  });

  test("Move finished to trash: a counted confirmation that refuses a count that changed", async ({ page }) => {
    await signIn(page);
    const db = new Database(path.join(E2E_DIR, "storage", "selenite.db"));
    db.pragma("busy_timeout = 10000");
    const { id: userId } = db.prepare(`SELECT id FROM "User" WHERE email = ?`).get(OWNER.email) as { id: string };
    const ids = seedJobs(db, userId, 3);
    try {
      await page.reload();
      await page.getByRole("button", { name: "Move finished to trash…" }).click();
      const confirm = page.getByRole("alertdialog");
      await expect(confirm.getByRole("heading")).toHaveText("Move all 3 jobs that finished to the trash?");
      await expect(confirm).toContainText("on every page and not just this one");
      // Another job finishes while the question is open: nothing moves, and the new count is shown.
      ids.push(...seedJobs(db, userId, 1));
      await confirm.getByRole("button", { name: "Move 3 jobs to trash" }).click();
      await expect(page.getByText("There are now 4 finished jobs, not 3. Nothing was moved; look again and confirm.")).toBeVisible();
      await page.reload();
      await expect(page.getByTestId("job-row")).toHaveCount(4);
      await page.getByRole("button", { name: "Move finished to trash…" }).click();
      await page.getByRole("alertdialog").getByRole("button", { name: "Move 4 jobs to trash" }).click();
      await expect(page.getByText("Moved 4 jobs to the trash.")).toBeVisible();
      await expect(page.getByText("No transcripts yet")).toBeVisible();
      await page.goto("/trash");
      await expect(page.getByTestId("trash-row")).toHaveCount(4);
    } finally {
      const remove = db.prepare(`DELETE FROM "Job" WHERE id = ?`);
      db.transaction(() => ids.forEach((id) => remove.run(id)))();
      db.close();
    }
  });

  test("10,000 jobs: the first page, a later page and a filtered page", async ({ page }) => {
    await signIn(page);
    const db = new Database(path.join(E2E_DIR, "storage", "selenite.db"));
    db.pragma("busy_timeout = 10000");
    const { id: userId } = db.prepare(`SELECT id FROM "User" WHERE email = ?`).get(OWNER.email) as { id: string };
    const tagId = createTag(db, userId, "e2e-seeded");
    const ids = seedJobs(db, userId, 10_000, { tagId, taggedEvery: 10 });
    try {
      await page.reload();
      const rows = page.getByTestId("job-row");
      await expect(rows).toHaveCount(25);
      await expect(rows.first()).toContainText("Recording 9999");
      await expect(page.getByTestId("job-count")).toHaveText("1–25 of 10,000 jobs");
      await expect(page.getByRole("link", { name: "Page 400" })).toBeVisible();

      await page.getByRole("link", { name: "Page 2" }).click();
      await expect(page).toHaveURL(/page=2/);
      await expect(rows.first()).toContainText("Recording 9974");

      // Every 10th job carries the tag, and all of those are "completed" in the seed.
      await page.goto(`/?tag=${tagId}&status=completed,failed`);
      await expect(page.getByTestId("job-count")).toHaveText("1–25 of 1,000 jobs");
      await expect(rows.first()).toContainText("Recording 9990");
      await expect(rows.first().getByRole("link", { name: "e2e-seeded" })).toBeVisible();
      await page.goto("/?q=recording-999");
      await expect(page.getByTestId("job-count")).toHaveText("1–11 of 11 jobs");
    } finally {
      const remove = db.prepare(`DELETE FROM "Job" WHERE id = ?`);
      db.transaction(() => ids.forEach((id) => remove.run(id)))();
      db.prepare(`DELETE FROM "Tag" WHERE id = ?`).run(tagId);
      db.close();
    }
  });
});
