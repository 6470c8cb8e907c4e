// Shared by the browser specs: the owner account that auth.spec.ts creates, a
// sign-in that also works when a spec runs alone on a fresh server, and direct
// access to the server's database for seeding rows.
import path from "node:path";
import Database from "better-sqlite3";
import { expect, type Page } from "@playwright/test";
import { E2E_DIR } from "../../playwright.config";

export const OWNER = { name: "Ada", email: "ada@example.com", password: "moonlight-orbit-7" };
export const STORAGE = path.join(E2E_DIR, "storage");

export async function signIn(page: Page): Promise<void> {
  await page.goto("/");
  if (page.url().endsWith("/setup")) {
    await page.getByLabel("Email").fill(OWNER.email);
    await page.getByLabel("Password", { exact: true }).fill(OWNER.password);
    await page.getByLabel("Confirm password").fill(OWNER.password);
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
    return;
  }
  if (/\/login/.test(page.url())) {
    await page.getByLabel("Email").fill(OWNER.email);
    await page.getByLabel("Password").fill(OWNER.password);
    await page.getByRole("button", { name: "Sign in" }).click();
  }
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
}

export function withDb<T>(fn: (db: Database.Database) => T): T {
  const db = new Database(path.join(STORAGE, "selenite.db"));
  db.pragma("busy_timeout = 10000");
  try {
    return fn(db);
  } finally {
    db.close();
  }
}
