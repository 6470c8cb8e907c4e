// Search in a real browser: results grouped by recording with counts, the header's
// box reached with "/" (but not while typing elsewhere), labelled date filters, the
// job page opened from a hit marking the terms, and the way back to the results.
// The recordings are written straight into the database with real tone files and
// removed again afterwards.
import { randomUUID } from "node:crypto";
import { rm } from "node:fs/promises";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { makeTone } from "../helpers/media";
import { OWNER, signIn, STORAGE, withDb } from "./support";

// A word no other spec's transcripts contain, so the counts are this spec's alone.
const WORD = "zephyrine";
const RECORDINGS = [
  { title: "Search orbit notes", texts: ["The Zephyrine plan starts now.", "Nothing here.", "zephyrine again", "more zephyrine", "last ZEPHYRINE word"] },
  { title: "Search budget call", texts: ["Budget first.", "Then zephyrine once."] },
  { title: "Search weekly", texts: ["zephyrine in the morning", "and zephyrine at night"] },
];

async function seed(): Promise<{ ids: string[]; files: string[] }> {
  const ids: string[] = [];
  const files: string[] = [];
  for (const recording of RECORDINGS) {
    const storedName = `${randomUUID()}.mp3`;
    const file = path.join(STORAGE, "uploads", storedName);
    await makeTone(file, 30);
    files.push(file);
    const id = `se${randomUUID().replace(/-/g, "").slice(0, 20)}`;
    ids.push(id);
    const now = new Date().toISOString().replace("Z", "+00:00");
    withDb((db) => {
      const { id: userId } = db.prepare(`SELECT id FROM "User" WHERE email = ?`).get(OWNER.email) as { id: string };
      db.prepare(
        `INSERT INTO "Job" (id, userId, title, originalName, storedName, mimeType, sizeBytes, durationSec, status, progress, model, task, createdAt, updatedAt, queuedAt, startedAt, finishedAt)
         VALUES (?, ?, ?, 'search.mp3', ?, 'audio/mpeg', 50000, 30, 'completed', 1, 'whisper-micro', 'transcribe', ?, ?, ?, ?, ?)`,
      ).run(id, userId, recording.title, storedName, now, now, now, now, now);
      const insert = db.prepare(`INSERT INTO "Segment" (jobId, "index", start, "end", text, originalText) VALUES (?, ?, ?, ?, ?, ?)`);
      recording.texts.forEach((text, i) => insert.run(id, i, i * 5, i * 5 + 4.5, text, text));
    });
  }
  return { ids, files };
}

test.describe.serial("search", () => {
  let seeded: { ids: string[]; files: string[] };

  test.beforeAll(async ({ browser }) => {
    const page = await browser.newPage();
    await signIn(page);
    await page.close();
    seeded = await seed();
  });

  test.afterAll(async () => {
    withDb((db) => seeded.ids.forEach((id) => db.prepare(`DELETE FROM "Job" WHERE id = ?`).run(id)));
    await Promise.all(seeded.files.map((file) => rm(file, { force: true })));
  });

  test('"/" reaches the header\'s search box, except while typing', async ({ page }) => {
    await page.goto("/");
    const header = page.getByRole("banner").getByRole("searchbox", { name: "Search transcripts" });
    const byName = page.getByRole("searchbox", { name: "Search by file name" });
    await byName.fill("a");
    await byName.press("/");
    await expect(byName).toHaveValue("a/");
    await expect(byName).toBeFocused();
    await byName.fill("");
    await page.getByRole("heading", { name: "Dashboard" }).click();
    await page.keyboard.press("/");
    await expect(header).toBeFocused();
    await expect(header).toHaveValue("");
    await header.fill(WORD);
    await header.press("Enter");
    await expect(page).toHaveURL(new RegExp(`/search\\?q=${WORD}$`));
    // On the search page its own field is the one box, and "/" goes there.
    await expect(page.getByRole("banner").getByRole("searchbox")).toHaveCount(0);
    const field = page.getByRole("main").getByRole("searchbox", { name: "Search transcripts" });
    await page.getByRole("heading", { name: "Search" }).click();
    await page.keyboard.press("/");
    await expect(field).toBeFocused();
  });

  test("results are grouped by recording, with counts", async ({ page }) => {
    await page.goto(`/search?q=${WORD}`);
    await expect(page.getByTestId("search-summary")).toHaveText("7 matches in 3 recordings");
    const groups = page.getByTestId("search-group");
    await expect(groups).toHaveCount(3);
    const orbit = groups.filter({ hasText: "Search orbit notes" });
    await expect(orbit.getByTestId("search-group-count")).toHaveText("4 matches");
    await expect(orbit.getByTestId("search-result")).toHaveCount(3);
    await expect(orbit.getByRole("link", { name: "See all 4 matches in this recording" })).toBeVisible();
    const weekly = groups.filter({ hasText: "Search weekly" });
    await expect(weekly.getByTestId("search-group-count")).toHaveText("2 matches");
    // Hits in the order they were said, each marked.
    await expect(weekly.getByTestId("search-result")).toHaveText([/0:00.*zephyrine in the morning/, /0:05.*and zephyrine at night/]);
    await expect(weekly.locator("mark").first()).toHaveText("zephyrine");
  });

  test("the date filters are labelled and narrow the results", async ({ page }) => {
    await page.goto(`/search?q=${WORD}`);
    await expect(page.getByLabel("From", { exact: true })).toHaveAttribute("type", "date");
    await page.getByLabel("To", { exact: true }).fill("2020-01-31");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await expect(page).toHaveURL(/to=2020-01-31/);
    await expect(page.getByText("No matches")).toBeVisible();
    await page.getByLabel("To", { exact: true }).fill("");
    await page.getByLabel("From", { exact: true }).fill("2020-01-01");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await expect(page.getByTestId("search-summary")).toHaveText("7 matches in 3 recordings");
  });

  test("a hit opens the recording at that moment with the term marked, and leads back to the results", async ({ page }) => {
    await page.goto(`/search?q=${WORD}&from=2020-01-01`);
    await page.getByTestId("search-group").filter({ hasText: "Search budget call" }).getByTestId("search-result").click();
    await expect(page).toHaveURL(new RegExp(`/jobs/${seeded.ids[1]}\\?t=5\\.00&q=${WORD}&results=`));
    const segments = page.getByTestId("segment");
    await expect(segments.nth(1).locator("mark")).toHaveText("zephyrine");
    await expect(segments.nth(0).locator("mark")).toHaveCount(0);
    await expect(page.getByTestId("search-marked")).toContainText("1 marked from your search");
    await page.getByRole("link", { name: "Back to results" }).click();
    await expect(page).toHaveURL(new RegExp(`/search\\?q=${WORD}&from=2020-01-01$`));
    await expect(page.getByTestId("search-summary")).toHaveText("7 matches in 3 recordings");

    // "See all" opens the recording with every match marked, whatever the case.
    await page.getByRole("link", { name: "See all 4 matches in this recording" }).click();
    await expect(page.getByTestId("search-marked")).toContainText("4 marked from your search");
    await expect(page.getByTestId("segment").locator("mark")).toHaveText(["Zephyrine", "zephyrine", "zephyrine", "ZEPHYRINE"]);
    // Without a search the job page marks nothing and leads to the dashboard.
    await page.goto(`/jobs/${seeded.ids[0]}`);
    await expect(page.getByTestId("search-marked")).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Dashboard", exact: true }).first()).toBeVisible();
  });
});
