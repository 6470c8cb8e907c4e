// Finishing touches in a real browser: the dashboard's column sorting kept in the
// address, the upload panel folded on a phone once there are jobs, a Copy button for
// a new API token (with the clipboard granted), and the icons and web manifest.
// Everything seeded (jobs, the model folder, the token) is removed again.
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { E2E_DIR } from "../../playwright.config";
import { makeTestModel } from "../../scripts/gen/test-model/index";
import { installModel, MICRO_MODEL } from "../helpers/fixtures";
import { OWNER, signIn, withDb } from "./support";

const MODEL_DIR = path.join(E2E_DIR, "models", "whisper-micro");
// title, status, duration, day created: a prefix no other spec uses, so ?q= shows only these.
const JOBS: [string, string, number, number][] = [
  ["sortcheck Call 10", "completed", 600, 1],
  ["sortcheck call 2", "failed", 30, 2],
  ["sortcheck apple", "cancelled", 1200, 3],
];

test.describe.serial("polish", () => {
  const ids: string[] = [];

  test.beforeAll(async ({ browser }) => {
    const page = await browser.newPage();
    await signIn(page);
    await page.close();
    withDb((db) => {
      const { id: userId } = db.prepare(`SELECT id FROM "User" WHERE email = ?`).get(OWNER.email) as { id: string };
      const insert = db.prepare(
        `INSERT INTO "Job" (id, userId, title, originalName, storedName, sizeBytes, durationSec, status, progress, model, task, createdAt, updatedAt, queuedAt, finishedAt)
         VALUES (?, ?, ?, 'sort.mp3', ?, 1000, ?, ?, 1, 'whisper-micro', 'transcribe', ?, ?, ?, ?)`,
      );
      for (const [title, status, duration, day] of JOBS) {
        const id = `po${randomUUID().replace(/-/g, "").slice(0, 20)}`;
        const at = new Date(Date.UTC(2026, 0, day)).toISOString().replace("Z", "+00:00");
        insert.run(id, userId, title, `${randomUUID()}.mp3`, duration, status, at, at, at, at);
        ids.push(id);
      }
    });
  });

  test.afterAll(async () => {
    withDb((db) => ids.forEach((id) => db.prepare(`DELETE FROM "Job" WHERE id = ?`).run(id)));
    await rm(MODEL_DIR, { recursive: true, force: true });
  });

  test("the job list sorts by each column, both ways, and the address keeps it", async ({ page }) => {
    await page.goto("/?q=sortcheck");
    const titles = page.getByTestId("job-row").getByRole("link", { name: /^sortcheck/ });
    await expect(titles).toHaveText(["sortcheck apple", "sortcheck call 2", "sortcheck Call 10"]);
    await expect(page.getByTestId("sort-date")).toHaveAttribute("data-sorted", "desc");

    await page.getByRole("link", { name: /^Recording\. Sort name, a to z/ }).click();
    await expect(page).toHaveURL(/\?q=sortcheck&sort=name&order=asc$/);
    await expect(titles).toHaveText(["sortcheck apple", "sortcheck call 2", "sortcheck Call 10"]);
    await page.getByRole("link", { name: /^Recording, sorted name, a to z/ }).click();
    await expect(page).toHaveURL(/sort=name&order=desc$/);
    await expect(titles).toHaveText(["sortcheck Call 10", "sortcheck call 2", "sortcheck apple"]);

    await page.getByTestId("sort-duration").click();
    await expect(page).toHaveURL(/sort=duration&order=desc$/);
    await expect(titles).toHaveText(["sortcheck apple", "sortcheck Call 10", "sortcheck call 2"]);
    await page.getByTestId("sort-status").click();
    await expect(titles).toHaveText(["sortcheck call 2", "sortcheck apple", "sortcheck Call 10"]);
    // Newest first is the default, and leaves the address clean.
    await page.getByTestId("sort-date").click();
    await expect(page).toHaveURL(/\?q=sortcheck$/);
    await page.getByTestId("sort-date").click();
    await expect(page).toHaveURL(/sort=date&order=asc$/);
    await expect(titles).toHaveText(["sortcheck Call 10", "sortcheck call 2", "sortcheck apple"]);

    // A reload, and a filter change, keep the order.
    await page.reload();
    await expect(titles).toHaveText(["sortcheck Call 10", "sortcheck call 2", "sortcheck apple"]);
    await page.getByRole("group", { name: "Status" }).getByRole("button", { name: "Failed" }).click();
    await expect(page).toHaveURL(/status=failed/);
    await expect(page).toHaveURL(/sort=date&order=asc/);
    await expect(titles).toHaveText(["sortcheck call 2"]);
  });

  test("on a phone: the sort menu, and the upload panel folded once there are jobs", async ({ browser }) => {
    if (existsSync(MICRO_MODEL)) installModel(path.dirname(MODEL_DIR), MICRO_MODEL);
    else await makeTestModel({ outDir: MODEL_DIR });
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      storageState: test.info().project.use.storageState,
    });
    try {
      const page = await context.newPage();
      await page.goto("/?q=sortcheck");
      const panel = page.getByRole("region", { name: "Upload recordings" });
      await expect(panel.getByRole("button", { name: "Choose files" })).toBeVisible();
      await expect(panel.getByText("or drop audio and video anywhere on this page")).toBeHidden();
      await expect(panel.getByLabel("Model")).toBeHidden();
      const options = panel.getByRole("button", { name: "Options" });
      await expect(options).toHaveAttribute("aria-expanded", "false");
      await options.click();
      await expect(options).toHaveAttribute("aria-expanded", "true");
      await expect(panel.getByLabel("Model")).toBeVisible();
      await options.click();
      await expect(panel.getByLabel("Model")).toBeHidden();
      // The job list starts on the first screen.
      const firstRow = page.getByTestId("job-row").first();
      expect((await firstRow.boundingBox())!.y).toBeLessThan(844);

      const sort = page.getByRole("combobox", { name: "Sort jobs" });
      await expect(sort).toHaveValue("date:desc");
      await sort.selectOption({ label: "Longest first" });
      await expect(page).toHaveURL(/sort=duration&order=desc/);
      await expect(
        page
          .getByTestId("job-row")
          .getByRole("link", { name: /^sortcheck/ })
          .first(),
      ).toHaveText("sortcheck apple");
    } finally {
      await context.close();
    }
  });

  test("a new API token has a Copy button that puts it on the clipboard", async ({ page, context, baseURL }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
    await page.goto("/settings");
    await page.getByLabel("Token name").fill("polish copy test");
    await page.getByRole("button", { name: "Create token" }).click();
    const token = (await page.getByTestId("new-token").textContent())!.trim();
    expect(token.length).toBeGreaterThan(20);
    const copy = page.getByRole("button", { name: "Copy the new token" });
    await copy.click();
    await expect(page.getByRole("button", { name: "Copy the new token: copied" })).toHaveText("Copied");
    await expect(page.getByText("Copied to the clipboard.", { exact: true })).toHaveAttribute("role", "status");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
    // The feedback goes away by itself, and the button can copy again.
    await expect(copy).toHaveText("Copy", { timeout: 15_000 });
    await page.getByRole("button", { name: "Revoke polish copy test" }).click();
    await expect(page.getByRole("button", { name: "Revoke polish copy test" })).toHaveCount(0);
  });

  test("the pages carry a favicon, app icons and a web manifest", async ({ page, request }) => {
    await page.goto("/login");
    const icon = await page.locator('link[rel="icon"][type="image/svg+xml"]').getAttribute("href");
    const apple = await page.locator('link[rel="apple-touch-icon"]').getAttribute("href");
    const manifestHref = await page.locator('link[rel="manifest"]').getAttribute("href");
    for (const [href, type] of [
      [icon, "image/svg+xml"],
      [apple, "image/png"],
    ] as const) {
      const response = await request.get(href!);
      expect(response.status(), href!).toBe(200);
      expect(response.headers()["content-type"]).toContain(type);
    }
    const manifest = await request.get(manifestHref!);
    expect(manifest.status()).toBe(200);
    const body = (await manifest.json()) as { name: string; theme_color: string; icons: { src: string; sizes: string }[] };
    expect(body).toMatchObject({ name: "Selenite", theme_color: "#1c1f3b" });
    expect(body.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(["192x192", "512x512"]));
    for (const { src } of body.icons) expect((await request.get(src)).status(), src).toBe(200);
  });
});
