// Settings → API tokens: a new token comes with the OpenAI-compatible base URL and
// the whisper-asr-webservice URL for Bazarr, ready to copy, and the Bazarr URL stops
// working the moment the token is revoked.
import { expect, test } from "@playwright/test";

test("a new token shows its compatible URLs, and revoking it closes the Bazarr one", async ({ page, baseURL }) => {
  await page.goto("/settings");
  const name = `bazarr ${Date.now()}`;
  await page.getByLabel("Token name").fill(name);
  await page.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByTestId("new-token").textContent())?.trim() ?? "";
  expect(token).toMatch(/^sel_[A-Za-z0-9_-]{43}$/);
  await expect(page.getByTestId("openai-base-url")).toHaveText(`${baseURL}/v1`);
  const bazarrUrl = `${baseURL}/compat/${token}`;
  await expect(page.getByTestId("asr-base-url")).toHaveText(bazarrUrl);
  await expect(page.getByRole("button", { name: /^Copy OpenAI-compatible base URL/ })).toBeVisible();
  await expect(page.getByRole("button", { name: /^Copy whisper-asr-webservice URL/ })).toBeVisible();

  // Past the token check, a body that is not a form is refused for what it is.
  const accepted = await page.request.post(`${bazarrUrl}/asr`, { headers: { "content-type": "application/json" }, data: "{}" });
  expect(accepted.status()).toBe(415);

  await page.getByRole("button", { name: `Revoke ${name}` }).click();
  await expect(page.getByText(name, { exact: true })).toHaveCount(0);
  const revoked = await page.request.post(`${bazarrUrl}/asr`, { headers: { "content-type": "application/json" }, data: "{}" });
  expect(revoked.status()).toBe(401);
});
