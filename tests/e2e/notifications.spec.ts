// Settings → Notifications: a bad URL is refused with the reason, an endpoint is
// added, its secret shown, "Send test" reaches a loopback receiver with a body the
// secret signs, the delivery log shows it delivered, and the endpoint can be switched
// off and removed.
import { createHmac } from "node:crypto";
import { expect, test } from "@playwright/test";
import { startReceiver, type Receiver } from "../helpers/receiver";

let receiver: Receiver;

test.beforeAll(async () => {
  receiver = await startReceiver();
});

test.afterAll(async () => {
  await receiver?.close();
});

test("add an endpoint, see its secret, send a signed test, switch it off and remove it", async ({ page }) => {
  await page.goto("/settings");
  const form = page.getByRole("form", { name: "Add a notification endpoint" });
  await form.getByLabel("URL").fill("ftp://example.com/hook");
  await form.getByRole("button", { name: "Add endpoint" }).click();
  await expect(form.getByText(/Only http:\/\/ and https:\/\/ URLs can receive notifications, not ftp:\/\//)).toBeVisible();

  const url = `${receiver.url}/e2e-${Date.now()}`;
  await form.getByLabel("URL").fill(url);
  await form.getByRole("button", { name: "Add endpoint" }).click();
  await expect(page.getByText("Endpoint added.")).toBeVisible();
  const endpoint = page.getByTestId("webhook-endpoint").filter({ hasText: url });
  await expect(endpoint).toHaveCount(1);
  await expect(endpoint.getByLabel("Job completed")).toBeChecked();
  await expect(endpoint.getByLabel("Job failed")).toBeChecked();

  await endpoint.getByRole("button", { name: "Show" }).click();
  const secret = (await endpoint.locator("code").textContent())?.trim() ?? "";
  expect(secret.length).toBeGreaterThanOrEqual(32);

  await endpoint.getByRole("button", { name: "Send test" }).click();
  await expect(page.getByText(/Test queued/)).toBeVisible();
  await expect.poll(() => receiver.requests.filter((r) => r.path.startsWith(new URL(url).pathname)).length, { timeout: 30_000 }).toBe(1);
  const request = receiver.requests.find((r) => r.path === new URL(url).pathname);
  expect(request?.headers["x-selenite-event"]).toBe("test");
  expect(request?.headers["x-selenite-signature"]).toBe(
    `sha256=${createHmac("sha256", secret)
      .update(request?.body ?? "")
      .digest("hex")}`,
  );

  // The log shows the outcome once the page is rendered again.
  await expect
    .poll(
      async () => {
        await page.reload();
        return page.getByTestId("webhook-delivery").filter({ hasText: url }).first().textContent();
      },
      { timeout: 30_000 },
    )
    .toMatch(/delivered.*test/);

  // Only failures from now on, then off.
  await endpoint.getByLabel("Job completed").uncheck();
  await expect(endpoint.getByLabel("Job completed")).not.toBeChecked();
  await page.reload();
  await expect(endpoint.getByLabel("Job completed")).not.toBeChecked();
  await endpoint.getByRole("button", { name: "Switch off" }).click();
  await expect(endpoint.getByRole("button", { name: "Switch on" })).toBeVisible();
  await expect(endpoint.getByText("off", { exact: true })).toBeVisible();

  await page.getByRole("button", { name: `Remove ${url}` }).click();
  await expect(page.getByText("Endpoint removed.")).toBeVisible();
  await expect(page.getByTestId("webhook-endpoint").filter({ hasText: url })).toHaveCount(0);
});
