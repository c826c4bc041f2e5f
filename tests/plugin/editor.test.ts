// @vitest-environment happy-dom
// A page open in an editor is changed through the Editor API on the changed lines only: the
// cursor, the selection and unsaved typing elsewhere survive; typing in a managed section waits.
import { describe, expect, it } from "vitest";
import { crmVault, startPlugin } from "./setup";

const KICKOFF = "Meetings/2025-10-01 - Acme kickoff.md";
const ACME = "Customers/Acme.md";

describe("pages open in an editor", () => {
  it("changes only the changed lines, keeping the cursor in a manual section and unsaved typing", async () => {
    const { h, plugin } = await startPlugin(crmVault());
    await plugin.regenerateAll();
    await h.settle();
    const view = await h.openFile(ACME);
    const editor = view.editor;
    // The user types in the manual Notes section (not saved yet) and leaves the cursor there.
    const notesLine = editor.getValue().split("\n").indexOf("Mine.");
    editor.replaceRange(" And more.", { line: notesLine, ch: 5 });
    editor.setCursor({ line: notesLine, ch: 8 });
    await h.advance(3000); // the user stops typing; Obsidian saves
    h.clearLogs();

    await h.modifyExternally(KICKOFF, "Kickoff with [[Ann Lee]].\n\n## Key Facts\n\n- Acme runs three sites\n\n- [ ] Send the plan\n");
    await h.advance(2500);
    const text = editor.getValue();
    expect(text).toContain("- Acme runs three sites ([[2025-10-01 - Acme kickoff]])");
    expect(text).toContain("Mine. And more.");
    const line = text.split("\n").indexOf("Mine. And more.");
    expect(editor.getCursor()).toEqual({ line, ch: 8 });
    // Nothing went through vault.process: Obsidian's own save writes what the editor holds.
    await h.settle();
    expect(h.vaultWrites({ path: ACME }).map((w) => w.api)).toEqual(["view.save"]);
    expect(h.read(ACME)).toBe(text);
  });

  it("keeps what the user typed but did not save, and regenerates from it", async () => {
    const { h, plugin } = await startPlugin(crmVault(), { refreshDelaySeconds: 1 });
    await plugin.regenerateAll();
    await h.settle();
    const view = await h.openFile(ACME);
    const editor = view.editor;
    editor.replaceRange("Typed, unsaved.\n", { line: editor.lastLine(), ch: 0 });
    // Another note changes before Obsidian saves the page.
    await h.modifyExternally(KICKOFF, "Kickoff with [[Ann Lee]].\n\n- [ ] Send the new plan\n");
    await h.advance(1100);
    expect(editor.getValue()).toContain("Typed, unsaved.");
    expect(editor.getValue()).toContain("- [ ] Send the new plan ([[2025-10-01 - Acme kickoff]])");
  });

  it("waits while the user types inside a managed section, then regenerates", async () => {
    const { h, plugin } = await startPlugin(crmVault(), { refreshDelaySeconds: 2 });
    await plugin.regenerateAll();
    await h.settle();
    const view = await h.openFile(ACME);
    const editor = view.editor;
    const keyFacts = editor.getValue().split("\n").indexOf("## Key Facts");
    h.clearLogs();
    await h.modifyExternally(KICKOFF, "Kickoff with [[Ann Lee]].\n\n## Key Facts\n\n- Acme runs three sites\n");
    // The user keeps typing in Key Facts, a keystroke every second, for six seconds.
    for (let i = 0; i < 6; i++) {
      editor.replaceRange("x", { line: keyFacts + 2, ch: 0 });
      editor.setCursor({ line: keyFacts + 2, ch: 1 });
      await h.advance(1000);
      expect(editor.getValue()).not.toContain("Acme runs three sites");
    }
    // They stop: after the delay the section is regenerated (their typing there is replaced).
    await h.advance(4500);
    expect(editor.getValue()).toContain("- Acme runs three sites ([[2025-10-01 - Acme kickoff]])");
  });

  it("Account Status comes from the frontmatter the editor holds, typed and not saved yet", async () => {
    const { h, plugin } = await startPlugin(crmVault(), { refreshOnSave: false });
    await plugin.regenerateAll();
    await h.settle();
    const view = await h.openFile(ACME);
    const editor = view.editor;
    expect(editor.getValue()).toContain("| **Status** | Active |");
    // The user changes the status and adds a tier in the frontmatter; Obsidian has not saved yet.
    const statusLine = editor.getValue().split("\n").indexOf("status: Active");
    editor.replaceRange("status: Churned\ntier: Gold", { line: statusLine, ch: 0 }, { line: statusLine, ch: "status: Active".length });
    await h.flush();
    h.executeCommand("customer-pages:regenerate-page");
    await h.flush();
    const text = editor.getValue();
    expect(text).toContain("---\ntype: customer\nstatus: Churned\ntier: Gold\nlast_contact: 2025-10-01\n---\n");
    expect(text).toContain("| **Status** | Churned |\n| **Tier** | Gold |\n| **Last contact** | 2025-10-01 |\n");
    expect(h.read(ACME)).toContain("status: Active");
    // Obsidian saves; the refresh finds nothing to change.
    await h.settle();
    expect(h.read(ACME)).toBe(text);
    await plugin.regeneratePages([ACME], false);
    await h.settle();
    expect(editor.getValue()).toBe(text);
  });

  it("a refresh on save while the page's editor holds unsaved frontmatter shows that frontmatter's Account Status", async () => {
    const { h, plugin } = await startPlugin(crmVault(), { refreshDelaySeconds: 1 });
    await plugin.regenerateAll();
    await h.settle();
    const view = await h.openFile(ACME);
    const editor = view.editor;
    const statusLine = editor.getValue().split("\n").indexOf("status: Active");
    editor.replaceRange("Churned", { line: statusLine, ch: "status: ".length }, { line: statusLine, ch: "status: Active".length });
    // Another note changes before Obsidian saves the page.
    await h.modifyExternally(KICKOFF, "Kickoff with [[Ann Lee]].\n\n- [ ] Send the new plan\n");
    await h.advance(1100);
    expect(h.read(ACME)).toContain("status: Active");
    expect(editor.getValue()).toContain("- [ ] Send the new plan ([[2025-10-01 - Acme kickoff]])");
    expect(editor.getValue()).toContain("| **Status** | Churned |");
    expect(editor.getValue()).not.toContain("| **Status** | Active |");
  });
});
