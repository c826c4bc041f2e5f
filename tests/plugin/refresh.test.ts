// @vitest-environment happy-dom
// Refresh on save: only the pages a change affects, once per page after the delay, through
// vault.process, never when the text is unchanged, and the plugin's own writes start no new round.
import { describe, expect, it, vi } from "vitest";
import { cliVault, crmVault, startPlugin } from "./setup";

const KICKOFF = "Meetings/2025-10-01 - Acme kickoff.md";

describe("refresh on save", () => {
  it("one save gives exactly one write of the affected page, then quiet", async () => {
    const { h } = await startPlugin(crmVault());
    await h.modifyExternally(KICKOFF, "Kickoff with [[Ann Lee]].\n\n## Key Facts\n\n- Acme runs three sites\n");
    await h.settle();
    const writes = h.vaultWrites().filter((w) => w.path !== KICKOFF);
    expect(writes.map((w) => [w.path, w.api])).toEqual([["Customers/Acme.md", "vault.process"]]);
    expect(writes[0]!.data).toContain("- Acme runs three sites ([[2025-10-01 - Acme kickoff]])");
    // Quiet afterwards: nothing more is written however long we wait.
    h.clearLogs();
    await h.advance(60_000);
    await h.settle();
    expect(h.vaultWrites()).toEqual([]);
  });

  it("waits for the delay and regenerates once for several quick saves", async () => {
    const { h } = await startPlugin(crmVault(), { refreshDelaySeconds: 5 });
    await h.modifyExternally(KICKOFF, "Kickoff with [[Ann Lee]]. One.\n");
    await h.advance(3000);
    await h.modifyExternally(KICKOFF, "Kickoff with [[Ann Lee]]. Two.\n");
    await h.advance(4000);
    expect(h.vaultWrites({ path: "Customers/Acme.md" })).toEqual([]);
    await h.advance(1500);
    await h.settle();
    const writes = h.vaultWrites({ path: "Customers/Acme.md" });
    expect(writes).toHaveLength(1);
    expect(writes[0]!.data).toContain("Kickoff with Ann Lee. Two.");
  });

  it("regenerates only the customers a meeting related to before and after the change", async () => {
    const { h } = await startPlugin(crmVault());
    // The kickoff moves from Acme to Globex: both pages change, nothing else is written.
    await h.modifyExternally(KICKOFF, "Kickoff with [[Bob Stone]].\n");
    await h.settle();
    expect(h.vaultWrites().map((w) => w.path).filter((p) => p !== KICKOFF).sort()).toEqual(["Customers/Acme.md", "Customers/Globex.md"]);
  });

  it("a colleague's 1:1 changing writes nothing", async () => {
    const { h } = await startPlugin(crmVault());
    await h.modifyExternally("Meetings/2025-10-03 - 1-1 Dana.md", "1:1 with [[Dana]] about hiring.\n");
    await h.settle();
    expect(h.vaultWrites().filter((w) => w.path.startsWith("Customers/"))).toEqual([]);
  });

  it("a person's company changing refreshes both customers", async () => {
    const { h, plugin } = await startPlugin(crmVault());
    await plugin.regenerateAll();
    await h.settle();
    expect(h.read("Customers/Acme.md")).toContain("## Key Contacts\n\n- [[Ann Lee]]\n");
    h.clearLogs();
    await h.modifyExternally("People/Ann Lee.md", "---\ncompany: \"[[Globex]]\"\nrole: CTO\naliases: [Ann]\n---\n");
    await h.settle();
    const paths = h.vaultWrites().map((w) => w.path).filter((p) => p.startsWith("Customers/")).sort();
    expect(paths).toEqual(["Customers/Acme.md", "Customers/Globex.md"]);
    // Bob is linked by the newer note (2025-10-02), Ann by the kickoff (2025-10-01).
    expect(h.read("Customers/Globex.md")).toContain("## Key Contacts\n\n- [[Bob Stone]]\n- [[Ann Lee]]\n");
    // Still linked from Acme's kickoff (a collaborator there), but no longer Acme's contact.
    expect(h.read("Customers/Acme.md")).toContain("## Key Contacts\n\n## ");
    expect(h.read("Customers/Acme.md")).toContain("| [[Ann Lee]] | CTO | Globex |");
  });

  it("a note moved into the customers folder is a customer page from then on: the next refresh regenerates it, its heading named like a managed section replaced, as the CLI makes it", async () => {
    const files = crmVault();
    files["Notes/Initech.md"] = "# Initech\n\nIntro.\n\n## Key Facts\n\n- a line of mine\n\n## Mine\n\nKeep.\n";
    files["Meetings/2025-10-08 - Initech call.md"] = "Call with [[Initech]].\n\n## Key Facts\n\n- Initech has three sites\n";
    const { h } = await startPlugin(files);
    await h.renameInObsidian("Notes/Initech.md", "Customers/Initech.md");
    await h.settle();
    const page = h.read("Customers/Initech.md");
    // §7: Recent Context goes before Key Facts, the nearest later section; Account Status after it.
    expect(page).toBe(
      "---\nlast_contact: 2025-10-08\n---\n# Initech\n\nIntro.\n\n" +
        "## Recent Context\n\n- 2025-10-08: [[2025-10-08 - Initech call]] - Call with Initech.\n\n" +
        "## Key Facts\n\n- Initech has three sites ([[2025-10-08 - Initech call]])\n\n" +
        "## Account Status\n\n| Field | Value |\n|-------|-------|\n| **Last contact** | 2025-10-08 |\n\n" +
        "## Mine\n\nKeep.\n",
    );
    const moved: Record<string, string> = { ...files, "Customers/Initech.md": files["Notes/Initech.md"]! };
    delete moved["Notes/Initech.md"];
    expect((await cliVault(moved, {})).get("Customers/Initech.md")).toBe(page);
  });

  it("does nothing when refresh on save is off", async () => {
    const { h } = await startPlugin(crmVault(), { refreshOnSave: false });
    await h.modifyExternally(KICKOFF, "Kickoff with [[Ann Lee]], changed.\n");
    await h.settle();
    expect(h.vaultWrites().filter((w) => w.path.startsWith("Customers/"))).toEqual([]);
  });

  it("writes nothing when the page already reads as it would be regenerated", async () => {
    const { h, plugin } = await startPlugin(crmVault());
    await plugin.regenerateAll();
    await h.settle();
    h.clearLogs();
    // A change that does not alter what Acme's page shows.
    await h.modifyExternally(KICKOFF, "Kickoff with [[Ann Lee]].\n\n## Key Facts\n\n- Acme runs two sites\n\n- [ ] Send the plan\n\nA later paragraph.\n");
    await h.settle();
    expect(h.vaultWrites({ path: "Customers/Acme.md" })).toEqual([]);
  });
});

describe("refresh on save and the developer console", () => {
  it("a page's standing warning is logged once, not again at every save of its notes; again once it went away and came back", async () => {
    const files = crmVault();
    files["Customers/Acme.md"] = files["Customers/Acme.md"]! + "\n## Recent Context\n\nA second one.\n";
    const { h, plugin } = await startPlugin(files);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const twice = 'Customer Pages: Customers/Acme.md: section "Recent Context" appears more than once; only the first is regenerated';
    for (let i = 0; i < 5; i++) {
      await h.modifyExternally(KICKOFF, `Kickoff with [[Ann Lee]], take ${i}.\n`);
      await h.settle();
    }
    expect(warn.mock.calls.map((c) => c[0])).toEqual([twice]);
    // The second heading renamed by the user: no warning; put back: said again.
    await h.modifyExternally("Customers/Acme.md", h.read("Customers/Acme.md").replace("## Recent Context\n\nA second one.", "## Earlier\n\nA second one."));
    await h.settle();
    await h.modifyExternally(KICKOFF, "Kickoff with [[Ann Lee]], again.\n");
    await h.settle();
    await h.modifyExternally("Customers/Acme.md", h.read("Customers/Acme.md").replace("## Earlier\n\nA second one.", "## Recent Context\n\nA second one."));
    await h.settle();
    await h.modifyExternally(KICKOFF, "Kickoff with [[Ann Lee]], once more.\n");
    await h.settle();
    expect(warn.mock.calls.map((c) => c[0])).toEqual([twice, twice]);
    // A command the user runs says everything, every time.
    await plugin.regenerateAll();
    await h.settle();
    expect(warn.mock.calls.map((c) => c[0])).toEqual([twice, twice, twice]);
    warn.mockRestore();
  });
});
