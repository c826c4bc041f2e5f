// @vitest-environment happy-dom
// The three commands: when they are offered, and what they do.
import { describe, expect, it, vi } from "vitest";
import { crmVault, startPlugin } from "./setup";

const PAGE = "customer-pages:regenerate-page";
const ALL = "customer-pages:regenerate-all";
const PANEL = "customer-pages:open-status-panel";

describe("commands", () => {
  it("offers Regenerate customer page on a customer page or a note related to exactly one customer", async () => {
    const files = crmVault();
    files["Meetings/2025-10-05 - Joint call.md"] = "Call with [[Acme]] and [[Globex]].\n";
    const { h } = await startPlugin(files);
    const offered = async (path: string): Promise<boolean> => {
      await h.openFile(path);
      await h.flush();
      return h.availableCommands().includes(PAGE);
    };
    expect(await offered("Customers/Acme.md")).toBe(true);
    expect(await offered("Meetings/2025-10-01 - Acme kickoff.md")).toBe(true);
    expect(await offered("Meetings/2025-10-05 - Joint call.md")).toBe(false);
    expect(await offered("Meetings/2025-10-03 - 1-1 Dana.md")).toBe(false);
    expect(h.availableCommands()).toEqual(expect.arrayContaining([ALL, PANEL]));
  });

  it("regenerates the customer of the active meeting note", async () => {
    const { h } = await startPlugin(crmVault(), { refreshOnSave: false });
    await h.openFile("Meetings/2025-10-01 - Acme kickoff.md");
    await h.flush();
    expect(h.executeCommand(PAGE)).toBe(true);
    await h.settle();
    expect(h.vaultWrites().map((w) => w.path)).toEqual(["Customers/Acme.md"]);
    expect(h.read("Customers/Acme.md")).toContain("- Acme runs two sites ([[2025-10-01 - Acme kickoff]])");
    // Its notice says what happened to the page.
    expect(h.executeCommand(PAGE)).toBe(true);
    await h.settle();
    expect(h.vaultWrites()).toHaveLength(1);
    expect(h.notices()).toEqual(["Customer page updated.", "Customer page already up to date."]);
  });

  it("regenerates the customer a person or project note belongs to (README: a note related to exactly one customer)", async () => {
    const files = crmVault();
    files["Projects/Acme rollout.md"] = '---\ntype: project\ncustomer: "[[Acme]]"\n---\n# Acme rollout\n';
    const { h } = await startPlugin(files, { refreshOnSave: false });
    await h.openFile("Projects/Acme rollout.md");
    await h.flush();
    expect(h.executeCommand(PAGE)).toBe(true);
    await h.settle();
    expect(h.vaultWrites().map((w) => w.path)).toEqual(["Customers/Acme.md"]);
    await h.openFile("People/Bob Stone.md");
    await h.flush();
    expect(h.executeCommand(PAGE)).toBe(true);
    await h.settle();
    expect(h.vaultWrites().map((w) => w.path)).toEqual(["Customers/Acme.md", "Customers/Globex.md"]);
    expect(h.notices()).toEqual(["Customer page updated.", "Customer page updated."]);
  });

  it("says there is nothing to regenerate when the page stopped being a customer page before its round ran", async () => {
    const { h } = await startPlugin(crmVault(), { refreshOnSave: false });
    await h.openFile("Customers/Acme.md");
    await h.flush();
    const before = h.read("Customers/Acme.md");
    // Offered on the page; its frontmatter then says it is a person's note before the round reads the index.
    expect(h.executeCommand(PAGE)).toBe(true);
    await h.modifyExternally("Customers/Acme.md", before.replace("type: customer", "type: person"));
    await h.settle();
    expect(h.vaultWrites({ path: "Customers/Acme.md" })).toEqual([]);
    expect(h.read("Customers/Acme.md")).toBe(before.replace("type: customer", "type: person"));
    expect(h.notices()).toEqual(["Customer page: nothing to regenerate."]);
  });

  it("says in its notice how many warnings the round gave: a tick on a task closed in its note meanwhile is dropped with one (B36-F)", async () => {
    const { h } = await startPlugin(crmVault(), { refreshOnSave: false });
    await h.openFile("Customers/Acme.md");
    await h.flush();
    expect(h.executeCommand(PAGE)).toBe(true);
    await h.settle();
    // The task was closed in its note meanwhile; its stale line on the page is ticked too.
    const kickoff = "Meetings/2025-10-01 - Acme kickoff.md";
    await h.modifyExternally(kickoff, h.read(kickoff).replace("- [ ] Send the plan", "- [x] Send the plan"));
    const plan = "Send the plan ([[2025-10-01 - Acme kickoff]])";
    expect(h.read("Customers/Acme.md")).toContain(`- [ ] ${plan}`);
    await h.modifyExternally("Customers/Acme.md", h.read("Customers/Acme.md").replace(`- [ ] ${plan}`, `- [x] ${plan}`));
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    expect(h.executeCommand(PAGE)).toBe(true);
    await h.settle();
    expect(h.read("Customers/Acme.md")).not.toContain("Send the plan");
    expect(warn.mock.calls).toEqual([[`Customer Pages: Customers/Acme.md: tick dropped, the task is already closed [x] in ${kickoff} (ticked on another page, or in the note): - [x] ${plan}`]]);
    warn.mockRestore();
    expect(h.notices()).toEqual(["Customer page updated.", 'Customer page updated. 1 warning (the command "Show warnings" lists it).']);
  });

  it("regenerates every customer page and counts changed pages and warnings in a notice", async () => {
    const files = crmVault();
    files["Meetings/2025-10-06 - Acme again.md"] = "With [[Acme]] and [[Nobody Yet]].\n";
    const { h } = await startPlugin(files, { refreshOnSave: false });
    h.executeCommand(ALL);
    await h.settle();
    expect(h.vaultWrites().map((w) => w.path).sort()).toEqual(["Customers/Acme.md", "Customers/Globex.md"]);
    // One warning: the unresolved [[Nobody Yet]].
    expect(h.notices()).toContain("Customer pages: 2 of 2 changed, 1 warning (the command \"Show warnings\" lists it).");
    h.executeCommand(ALL);
    await h.settle();
    expect(h.notices()[h.notices().length - 1]).toBe("Customer pages: 0 of 2 changed, 1 warning (the command \"Show warnings\" lists it).");
  });

  it("counts in its notice what is wrong in data.json too, as the CLI's summary does", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    // crmVault alone regenerates with no warning; a list limit of 2.5 is no count.
    const { h } = await startPlugin(crmVault(), { refreshOnSave: false, limits: { keyFacts: 2.5 } });
    h.executeCommand(ALL);
    await h.settle();
    expect(warn.mock.calls.at(-1)).toEqual(['Customer Pages: setting "limits.keyFacts" must be a whole number; using the default']);
    warn.mockRestore();
    expect(h.notices()).toEqual(['Customer pages: 2 of 2 changed, 1 warning (the command "Show warnings" lists it).']);
  });

  it("opens the account status panel in the right sidebar, once", async () => {
    const { h } = await startPlugin(crmVault());
    h.executeCommand(PANEL);
    await h.settle();
    h.executeCommand(PANEL);
    await h.settle();
    const leaves = h.workspace.getLeavesOfType("customer-pages-status");
    expect(leaves).toHaveLength(1);
    expect(leaves[0]!.getRoot()).toBe(h.workspace.rightSplit);
  });
});
