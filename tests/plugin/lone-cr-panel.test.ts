// @vitest-environment happy-dom
// The account status panel on a customer page whose lines end in a lone CR, open in an editor (the
// fake editor keeps the file's CRs, as it keeps CRLF): its frontmatter is read as the index reads
// it (crAsLf, B41-D), whether the page is open or not (B41-E).
import { describe, expect, it } from "vitest";
import { StatusView } from "../../src/plugin/status-view";
import { crmVault, startPlugin } from "./setup";

const texts = (root: HTMLElement, sel: string): string[] => Array.from(root.querySelectorAll(sel)).map((e) => e.textContent ?? "");

async function panelOf(h: Awaited<ReturnType<typeof startPlugin>>["h"], plugin: Awaited<ReturnType<typeof startPlugin>>["plugin"]): Promise<HTMLElement> {
  await plugin.openPanel();
  await h.settle();
  const leaf = h.workspace.getLeavesOfType("customer-pages-status")[0]!;
  expect(leaf.view).toBeInstanceOf(StatusView);
  return (leaf.view as StatusView).contentEl;
}

describe("the panel and a customer page with lone CRs open in an editor", () => {
  const GLOBEX = "Customers/Globex.md";
  const cases: Array<[string, string]> = [
    ["all of its lines (classic Mac OS)", "---\rtype: customer\rstatus: On hold\rtier: Gold\r---\r# Globex\r"],
    ["some lines of its frontmatter", "---\ntype: customer\nstatus: On hold\rtier: Gold\n---\n# Globex\n"],
  ];
  for (const [name, page] of cases) {
    it(`${name}: the status rows the index read, as when the page is not open`, async () => {
      const files = { ...crmVault(), [GLOBEX]: page };
      const { h, plugin } = await startPlugin(files, { refreshOnSave: false });
      // Not open: the index's rows (its frontmatter read with each lone CR a line break).
      await h.openFile("Meetings/2025-10-02 - Globex sync.md");
      const root = await panelOf(h, plugin);
      expect(texts(root, ".cp-status dt")).toEqual(["Status", "Tier"]);
      expect(texts(root, ".cp-status dd")).toEqual(["On hold", "Gold"]);
      // Open in an editor, nothing typed: the same rows.
      const view = await h.openFile(GLOBEX);
      expect(view.editor.getValue()).toBe(page);
      (h.workspace.getLeavesOfType("customer-pages-status")[0]!.view as StatusView).refresh();
      expect(texts(root, ".cp-name")).toEqual(["Globex"]);
      expect(texts(root, ".cp-status dt")).toEqual(["Status", "Tier"]);
      expect(texts(root, ".cp-status dd")).toEqual(["On hold", "Gold"]);
      expect(h.read(GLOBEX)).toBe(page);
    });
  }
  for (const [name, page] of cases) {
    it(`${name}, a status typed and not saved yet: drawn once the typing pauses, the rows the editor's text holds read as the index reads a page`, async () => {
      const files = { ...crmVault(), [GLOBEX]: page };
      const { h, plugin } = await startPlugin(files, { refreshOnSave: false });
      const view = await h.openFile(GLOBEX);
      const root = await panelOf(h, plugin);
      expect(texts(root, ".cp-status dd")).toEqual(["On hold", "Gold"]);
      // Its frontmatter is not the index's any more: the panel sees it (yamlOf) once the typing
      // pauses, and the rows come from the editor's text, whose lone CRs are line breaks there as
      // well (by hand: the typed status, the tier kept). Obsidian saves 2 s after the typing.
      view.editor.setValue(page.replace("On hold", "Churned"));
      await h.advance(600);
      expect(texts(root, ".cp-status dt")).toEqual(["Status", "Tier"]);
      expect(texts(root, ".cp-status dd")).toEqual(["Churned", "Gold"]);
      expect(h.read(GLOBEX)).toBe(page);
    });
  }
});
