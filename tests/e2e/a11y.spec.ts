// Accessibility: axe-core finds no violation of any impact on any page, in the light
// and the dark theme, signed in and signed out; and a keyboard-only walk goes from
// the skip link through upload to a job and its export.
import { randomUUID } from "node:crypto";
import { rm } from "node:fs/promises";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { existsSync } from "node:fs";
import { E2E_DIR } from "../../playwright.config";
import { makeTestModel } from "../../scripts/gen/test-model/index";
import { installModel, MICRO_MODEL } from "../helpers/fixtures";
import { makeSpeech, makeTempDir, makeTone } from "../helpers/media";
import { OWNER, signIn, STORAGE, withDb } from "./support";

const SEGMENTS = Array.from({ length: 6 }, (_, i) => ({ start: i * 5, end: i * 5 + 4.5, text: ` Sentence ${i + 1} of the accessibility test.` }));

async function seedJob(): Promise<{ id: string; file: string }> {
  const storedName = `${randomUUID()}.mp3`;
  const file = path.join(STORAGE, "uploads", storedName);
  await makeTone(file, 30);
  const id = `ax${randomUUID().replace(/-/g, "").slice(0, 20)}`;
  const now = new Date().toISOString().replace("Z", "+00:00");
  withDb((db) => {
    const { id: userId } = db.prepare(`SELECT id FROM "User" WHERE email = ?`).get(OWNER.email) as { id: string };
    db.prepare(
      `INSERT INTO "Job" (id, userId, title, originalName, storedName, mimeType, sizeBytes, durationSec, status, progress, model, task, detectedLanguage, languageProb, processingMs, createdAt, updatedAt, queuedAt, startedAt, finishedAt)
       VALUES (?, ?, 'Accessibility test', 'a11y.mp3', ?, 'audio/mpeg', 50000, 30, 'completed', 1, 'whisper-micro', 'transcribe', 'en', 0.97, 9000, ?, ?, ?, ?, ?)`,
    ).run(id, userId, storedName, now, now, now, now, now);
    const insert = db.prepare(
      `INSERT INTO "Segment" (jobId, "index", start, "end", text, originalText, avgLogprob, temperature) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    // One low-confidence segment, so the shading and the Review button are on the page too.
    SEGMENTS.forEach((s, i) => insert.run(id, i, s.start, s.end, s.text, s.text, i === 2 ? -1.6 : -0.2, i === 2 ? 0.4 : 0));
  });
  return { id, file };
}

async function expectNoViolations(page: Page, what: string, rules?: string[]): Promise<void> {
  const builder = new AxeBuilder({ page });
  const { violations } = await (rules ? builder.withRules(rules) : builder).analyze();
  const summary = violations.map(
    (v) =>
      `${v.impact} ${v.id}: ${v.help} — ${v.nodes
        .map((n) => n.target.join(" "))
        .slice(0, 4)
        .join(" | ")}`,
  );
  expect(summary, what).toEqual([]);
}

for (const scheme of ["light", "dark"] as const) {
  test.describe(`${scheme} theme`, () => {
    test.use({ colorScheme: scheme });

    test("signed out: the sign-in page and a page that does not exist", async ({ browser }) => {
      const context = await browser.newContext({ storageState: { cookies: [], origins: [] }, colorScheme: scheme });
      try {
        const page = await context.newPage();
        await page.goto("/login");
        await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
        await expectNoViolations(page, "login");
        await page.goto("/no-such-page");
        await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
        await expectNoViolations(page, "404 signed out");
      } finally {
        await context.close();
      }
    });

    test("signed in: every page", async ({ page }) => {
      const job = await seedJob();
      try {
        await signIn(page);
        for (const [url, heading] of [
          ["/", "Dashboard"],
          [`/jobs/${job.id}`, "Accessibility test"],
          ["/search?q=sentence", "Search"],
          ["/models", "Models"],
          ["/settings", "Settings"],
          ["/trash", "Trash"],
          ["/jobs/no-such-job", null],
        ] as const) {
          await page.goto(url);
          if (heading) await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
          else await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
          await expectNoViolations(page, url);
        }
      } finally {
        withDb((db) => db.prepare(`DELETE FROM "Job" WHERE id = ?`).run(job.id));
        await rm(job.file, { force: true });
      }
    });
  });
}

test("on a phone, every tap target is at least 24 px (WCAG 2.2 target size)", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const job = await seedJob();
  try {
    await signIn(page);
    for (const url of ["/", `/jobs/${job.id}`, "/search?q=sentence", "/models", "/settings", "/trash"]) {
      await page.goto(url);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expectNoViolations(page, `${url} on a phone`, ["target-size"]);
    }
  } finally {
    withDb((db) => db.prepare(`DELETE FROM "Job" WHERE id = ?`).run(job.id));
    await rm(job.file, { force: true });
  }
});

/** Presses Tab until `target` has the focus; fails after `max` presses. */
async function tabTo(page: Page, target: ReturnType<Page["locator"]>, max: number): Promise<number> {
  for (let presses = 1; presses <= max; presses++) {
    await page.keyboard.press("Tab");
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return presses;
  }
  throw new Error(`${max} presses of Tab never reached ${target.toString()}`);
}

test("keyboard only: skip link, upload, open the job, download its transcript", async ({ page }) => {
  test.setTimeout(180_000);
  const media = await makeTempDir("selenite-keys-");
  // A model to transcribe with, removed again afterwards (dashboard.spec.ts starts without one).
  const modelDir = path.join(E2E_DIR, "models", "whisper-micro");
  const hadModel = existsSync(modelDir);
  if (!hadModel) {
    if (existsSync(MICRO_MODEL)) installModel(path.dirname(modelDir), MICRO_MODEL);
    else await makeTestModel({ outDir: modelDir });
  }
  try {
    const file = await makeSpeech(path.join(media.dir, "Keyboard walk.wav"), "Every step of this walk was taken with the keyboard alone.");
    await signIn(page);
    await page.goto("/");
    await expect(page.getByTestId("upload-input")).toHaveCount(1);
    // The skip link is the first stop and lands in the page, past the navigation.
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to content" });
    await expect(skip).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.locator("main")).toBeFocused();
    const choose = page.getByRole("button", { name: /^Choose files or drop/ });
    expect(await tabTo(page, choose, 3)).toBeLessThanOrEqual(3);
    const chooser = page.waitForEvent("filechooser");
    await page.keyboard.press("Enter");
    await (await chooser).setFiles(file);

    const row = page.getByTestId("job-row").filter({ hasText: "Keyboard walk" });
    await expect(row.getByTestId("job-status")).toContainText("Completed", { timeout: 120_000 });
    await page.locator("main").focus();
    await tabTo(page, row.getByRole("link", { name: "Keyboard walk" }).first(), 80);
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { level: 1, name: "Keyboard walk" })).toBeVisible();

    await page.locator("main").focus();
    await tabTo(page, page.getByTestId("download-menu"), 40);
    await page.keyboard.press("Enter");
    await expect(page.getByRole("menu")).toBeVisible();
    const download = page.waitForEvent("download");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    expect((await download).suggestedFilename()).toMatch(/^Keyboard walk\./);
  } finally {
    withDb((db) => db.prepare(`DELETE FROM "Job" WHERE title = 'Keyboard walk'`).run());
    await media.cleanup();
    if (!hadModel) await rm(modelDir, { recursive: true, force: true });
  }
});
