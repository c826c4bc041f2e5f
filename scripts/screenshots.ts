// npm run screenshots: the account-status panel of examples/vault in headless Chromium, light and
// dark, written to docs/panel-light.png and docs/panel-dark.png (shown in the README).
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { exampleModels, launchChromium, panelPage } from "./panel-page";

const root = resolve(fileURLToPath(new URL(".", import.meta.url)), "..");
const models = exampleModels(root);
const browser = await launchChromium();
try {
  mkdirSync(join(root, "docs"), { recursive: true });
  for (const theme of ["light", "dark"] as const) {
    const page = await browser.newPage({ viewport: { width: 640, height: 900 }, deviceScaleFactor: 2 });
    await page.setContent(await panelPage(root, theme, 300));
    await page.evaluate((m) => (window as unknown as { renderModel(x: unknown): void }).renderModel(m), models.customer);
    const box = page.locator(".workspace-leaf-content");
    const height = await page.evaluate(() => document.querySelector(".customer-pages-panel")!.getBoundingClientRect().height);
    await page.setViewportSize({ width: 640, height: Math.ceil(height) + 24 });
    await box.screenshot({ path: join(root, "docs", `panel-${theme}.png`) });
    process.stdout.write(`wrote docs/panel-${theme}.png\n`);
    await page.close();
  }
} finally {
  await browser.close();
}
