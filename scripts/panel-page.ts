// The account-status panel outside Obsidian: a page with styles.css, the theme variables, and the
// plugin's renderer; models computed from examples/vault. Shared by `npm run screenshots` and the
// browser test.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { chromium, type Browser } from "playwright-core";
import { loadVaultFromDisk } from "../src/cli/load";
import { parseIsoDay } from "../src/core/dates";
import { panelModel, type PanelModel } from "../src/plugin/panel-model";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Debian's Chromium, headless, with nothing that reaches for the network. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
    ],
  });
}

/** A page with the panel's styles and renderer; `window.renderModel(model)` fills #panel. */
export async function panelPage(root: string, theme: "light" | "dark", width = 300): Promise<string> {
  const bundle = await build({
    entryPoints: [join(root, "tests", "browser", "panel-entry.ts")],
    bundle: true,
    write: false,
    format: "iife",
    platform: "browser",
    target: "es2021",
    logLevel: "silent",
  });
  const js = bundle.outputFiles[0]!.text;
  const css = readFileSync(join(root, "styles.css"), "utf8");
  const theme_css = readFileSync(join(root, "tests", "browser", "obsidian-theme.css"), "utf8");
  return `<!doctype html>
<html><head><meta charset="utf-8"><style>${theme_css}</style><style>${css}</style></head>
<body class="theme-${theme}"><div class="workspace-leaf-content" style="width:${width}px"><div id="panel" class="view-content"></div></div>
<script>${js}</script></body></html>`;
}

/** Panel models of the example vault: one customer, and every customer. */
export function exampleModels(root: string, today = "2025-12-20"): { customer: PanelModel; all: PanelModel } {
  const { index } = loadVaultFromDisk(join(root, "examples", "vault"), null, []);
  const t = parseIsoDay(today)!;
  return {
    customer: panelModel(index, "Customers/Helios AI.md", t, 30),
    all: panelModel(index, null, t, 30),
  };
}
