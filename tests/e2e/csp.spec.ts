// The nonce-based CSP must not break the pages: the browser reports no violation,
// next-themes' inline script runs (it sets the theme class before paint), and the
// Next runtime hydrates the sign-in page and the signed-in pages.
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./support";

test.use({ storageState: { cookies: [], origins: [] } });

async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (execute|load|apply)/i.test(message.text())) violations.push(message.text());
  });
  await page.exposeFunction("reportCspViolation", (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      (window as unknown as { reportCspViolation: (text: string) => void }).reportCspViolation(
        `${event.violatedDirective} blocked ${event.blockedURI || "inline"}`,
      );
    });
  });
  return violations;
}

test("pages run under the nonce CSP without a violation", async ({ page }) => {
  const violations = await watchViolations(page);
  // The sign-in page, or the first-run page when this spec runs alone on a fresh server.
  await page.goto("/login");
  await expect(page.getByRole("button", { name: /^(Sign in|Create account)$/ })).toBeVisible();
  // The inline theme script ran (it needs the nonce) and Next's runtime loaded.
  await expect.poll(() => page.evaluate(() => /\b(light|dark)\b/.test(document.documentElement.className))).toBe(true);
  await expect.poll(() => page.evaluate(() => typeof (window as unknown as { next?: { version?: string } }).next?.version)).toBe("string");

  await signIn(page);
  for (const [link, heading] of [
    ["Settings", "Settings"],
    ["Search", "Search"],
  ] as const) {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: link }).click();
    await expect(page.getByRole("heading", { name: heading, exact: true })).toBeVisible();
  }
  expect(violations).toEqual([]);
});
