// The account-status panel rendered by the plugin's own renderer in headless Chromium (Debian's
// package, driven by playwright-core), with styles.css and the theme variables, light and dark.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { exampleModels, launchChromium, panelPage } from "../../scripts/panel-page";
import type { PanelModel } from "../../src/plugin/panel-model";
import { ROOT } from "../helpers/vault";

let browser: Browser;
const models = exampleModels(ROOT);

/** Long names and values everywhere: the layout must wrap or ellipsize, never overflow. */
const stress: PanelModel = {
  mode: "customers",
  customers: [
    {
      path: "Customers/A.md",
      name: "Extraordinarily Long Customer Name Incorporated International Holdings",
      status: [
        ["Status", "Active — renewal under negotiation with procurement and legal in three regions"],
        ["Owner", "[[Someone With A Very Long Name Indeed]]"],
        ["Industry", "Supercalifragilisticexpialidociousnesswithoutanyspaces"],
      ],
      lastContact: "2025-01-01",
      lastContactRelative: "353 days ago",
      stale: true,
      counts: { openTasks: 12345, blockers: 678, decisions: 90 },
      recent: [{ path: "x.md", label: "A meeting note whose name goes on and on and on without stopping", date: "2025-01-01" }],
      contacts: [{ path: "p.md", label: "Maximiliana Theodora Wolfeschlegelsteinhausenbergerdorff" }],
    },
  ],
};

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

/** A status in both of the panel's views: the list's badge (every customer) and one customer's card. */
function bothViews(status: string): PanelModel[] {
  if (stress.mode !== "customers") throw new Error("stress is a customer's card");
  return [
    {
      mode: "all",
      rows: [{ path: "Customers/A.md", name: "A", status, lastContact: "2025-01-01", lastContactRelative: "353 days ago", stale: true }],
    },
    { ...stress, customers: [{ ...stress.customers[0]!, status: [["Status", status]] as Array<[string, string]> }] },
  ];
}

async function render(model: PanelModel, theme: "light" | "dark"): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 800, height: 1200 } });
  await page.setContent(await panelPage(ROOT, theme, 300));
  await page.evaluate((m) => (window as unknown as { renderModel(x: unknown): void }).renderModel(m), model);
  return page;
}

/** Every element of the panel that sticks out of the 300 px sidebar, as "tag.class: px". */
async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const box = document.querySelector(".workspace-leaf-content")!.getBoundingClientRect();
    const out: string[] = [];
    for (const el of Array.from(document.querySelectorAll(".customer-pages-panel *"))) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.right > box.right + 0.5 || r.left < box.left - 0.5) out.push(`${el.tagName.toLowerCase()}.${el.className}: ${Math.round(r.right - box.right)}`);
    }
    const leaf = document.querySelector(".workspace-leaf-content") as HTMLElement;
    if (leaf.scrollWidth > leaf.clientWidth) out.push(`scroll: ${leaf.scrollWidth - leaf.clientWidth}`);
    return out;
  });
}

describe("account status panel in Chromium", () => {
  for (const theme of ["light", "dark"] as const) {
    it(`${theme}: one customer, nothing overflows 300 px, badges, counts and links visible`, async () => {
      const page = await render(models.customer, theme);
      expect(await overflowing(page)).toEqual([]);
      await expect.poll(() => page.locator(".cp-badge-stale").isVisible()).toBe(true);
      expect(await page.locator(".cp-badge-stale").textContent()).toBe("Stale");
      expect(await page.locator(".cp-count").allTextContents()).toEqual(["9 open tasks", "2 blockers", "3 decisions"]);
      for (const c of await page.locator(".cp-count").all()) expect(await c.isVisible()).toBe(true);
      const links = page.locator(".cp-recent a.internal-link");
      expect(await links.count()).toBe(5);
      expect(await page.locator(".cp-contacts a.internal-link").allTextContents()).toEqual(["Greta Lindqvist", "Mina Okafor", "Rafael Ortega"]);
      await links.first().click();
      await page.locator(".cp-regenerate").click();
      expect(await page.evaluate(() => (window as unknown as { opened: string[] }).opened)).toEqual(["Meetings/2025-11-12 - Helios AI steering.md"]);
      expect(await page.evaluate(() => (window as unknown as { regenerated: string[] }).regenerated)).toEqual(["Customers/Helios AI.md"]);
      // The theme shows: the stale badge takes the theme's red.
      const red = await page.evaluate(() => getComputedStyle(document.querySelector(".cp-badge-stale")!).backgroundColor);
      expect(red).toBe(theme === "light" ? "rgb(233, 49, 71)" : "rgb(251, 70, 76)");
      await page.close();
    });

    it(`${theme}: every customer by last contact, nothing overflows`, async () => {
      const page = await render(models.all, theme);
      expect(await overflowing(page)).toEqual([]);
      const names = await page.locator(".cp-row .cp-name").allTextContents();
      expect(names).toHaveLength(4);
      expect(await page.locator(".cp-row .cp-badge-status").count()).toBeGreaterThan(0);
      for (const b of await page.locator(".cp-row .cp-badge").all()) expect(await b.isVisible()).toBe(true);
      await page.close();
    });
  }

  it("wraps or cuts long names and values instead of overflowing", async () => {
    const page = await render(stress, "light");
    expect(await overflowing(page)).toEqual([]);
    expect(await page.locator(".cp-badge-stale").isVisible()).toBe(true);
    await page.close();
  });

  it("wraps a long status in the list of every customer: its badge stays inside the sidebar, whole", async () => {
    const status = "Active — renewal under negotiation with procurement and legal in three regions";
    const page = await render(
      {
        mode: "all",
        rows: [
          { path: "Customers/A.md", name: "Extraordinarily Long Customer Name Incorporated International Holdings", status, lastContact: "2025-01-01", lastContactRelative: "353 days ago", stale: true },
          { path: "Customers/B.md", name: "B", status: "Supercalifragilisticexpialidociousnesswithoutanyspaces", lastContact: "unknown", lastContactRelative: null, stale: true },
        ],
      },
      "light",
    );
    expect(await overflowing(page)).toEqual([]);
    // Wrapped, not cut: every word of it is there to read.
    expect(await page.locator(".cp-row .cp-badge-status").first().textContent()).toBe(status);
    for (const b of await page.locator(".cp-row .cp-badge").all()) expect(await b.isVisible()).toBe(true);
    await page.close();
  });

  it("a status holding links: their text, as links, wraps inside the sidebar in both views; a click on one follows it", async () => {
    const status = "[[Someone With A Very Long Name Indeed|An alias long enough to wrap inside the badge of the list]] with https://example.com/a/very/long/address/that/has/no/spaces/at/all";
    for (const model of bothViews(status)) {
      const page = await render(model, "light");
      expect(await overflowing(page)).toEqual([]);
      const value = page.locator(model.mode === "all" ? ".cp-badge-status" : ".cp-status dd");
      expect(await value.textContent()).toBe("An alias long enough to wrap inside the badge of the list with https://example.com/a/very/long/address/that/has/no/spaces/at/all");
      expect(await value.locator("a.internal-link").textContent()).toBe("An alias long enough to wrap inside the badge of the list");
      expect(await value.locator("a.external-link").getAttribute("href")).toBe("https://example.com/a/very/long/address/that/has/no/spaces/at/all");
      await value.locator("a.internal-link").click();
      expect(await page.evaluate(() => (window as unknown as { opened: string[] }).opened)).toEqual(["Someone With A Very Long Name Indeed"]);
      await page.close();
    }
  });

  it("a status holding tags: each a pill in Obsidian's tag colours, in both themes and both views, inside the sidebar; a comment shows nothing (B41-C)", async () => {
    const status = "Active %%ask Dana%% #renewal/q3 #a-tag-long-enough-to-have-to-wrap-inside-the-sidebar-of-the-panel &amp; more";
    for (const theme of ["light", "dark"] as const) {
      for (const model of bothViews(status)) {
        const page = await render(model, theme);
        expect(await overflowing(page)).toEqual([]);
        const value = model.mode === "all" ? ".cp-badge-status" : ".cp-status dd";
        expect(await page.locator(value).textContent()).toBe("Active  #renewal/q3 #a-tag-long-enough-to-have-to-wrap-inside-the-sidebar-of-the-panel & more");
        expect(await page.locator(`${value} a.tag`).allTextContents()).toEqual(["#renewal/q3", "#a-tag-long-enough-to-have-to-wrap-inside-the-sidebar-of-the-panel"]);
        const style = await page.evaluate((sel) => {
          const el = getComputedStyle(document.querySelector(`${sel} a.tag`)!);
          return { color: el.color, background: el.backgroundColor, radius: parseFloat(el.borderTopLeftRadius) / parseFloat(el.fontSize), decoration: el.textDecorationLine, cursor: el.cursor };
        }, value);
        expect(style, `${theme} ${model.mode}`).toEqual({
          color: theme === "light" ? "rgb(138, 92, 245)" : "rgb(166, 138, 249)",
          background: "rgba(138, 92, 245, 0.1)",
          // 2em: a pill whatever the font size.
          radius: 2,
          decoration: "none",
          cursor: "default",
        });
        await page.close();
      }
    }
  });

  it("a status holding markdown: code, highlight, emphasis and strikethrough styled as Obsidian's reading view, in both themes and both views, inside the sidebar (B40-B)", async () => {
    const status = "**Active** — *renewal* ==at risk== ~~churned~~ `a-code-span-long-enough-to-have-to-wrap-inside-the-sidebar` *[[Ann Lee|Ann]]*";
    for (const theme of ["light", "dark"] as const) {
      for (const model of bothViews(status)) {
        const page = await render(model, theme);
        expect(await overflowing(page)).toEqual([]);
        const value = model.mode === "all" ? ".cp-badge-status" : ".cp-status dd";
        expect(await page.locator(value).textContent()).toBe("Active — renewal at risk churned a-code-span-long-enough-to-have-to-wrap-inside-the-sidebar Ann");
        expect(await page.locator(`${value} em a.internal-link`).textContent()).toBe("Ann");
        const style = await page.evaluate((sel) => {
          const el = (tag: string): CSSStyleDeclaration => getComputedStyle(document.querySelector(`${sel} ${tag}`)!);
          return {
            strong: Number(el("strong").fontWeight) >= 600,
            em: el("em").fontStyle,
            del: el("del").textDecorationLine,
            mark: el("mark").backgroundColor,
            codeFont: el("code").fontFamily.includes("monospace"),
            codeBackground: el("code").backgroundColor,
            codeHeight: document.querySelector(`${sel} code`)!.getClientRects().length > 1,
          };
        }, value);
        expect(style, `${theme} ${model.mode}`).toEqual({
          strong: true,
          em: "italic",
          del: "line-through",
          mark: "rgba(255, 208, 0, 0.4)",
          codeFont: true,
          codeBackground: theme === "light" ? "rgb(250, 250, 250)" : "rgb(36, 36, 36)",
          // The long code span wraps onto a second line rather than out of the sidebar.
          codeHeight: true,
        });
        await page.close();
      }
    }
  });
});
