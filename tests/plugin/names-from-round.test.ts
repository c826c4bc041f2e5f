// @vitest-environment happy-dom
// A customer page regenerated from an open editor's text that makes it no customer's any more: the
// file was made a customer page outside while its editor held unsaved edits (a tick written back
// through it), so the round wrote the editor's text, a meeting's, as the page. The index learnt of
// that write from the round, whose change of names asked for a rematch that nobody ran: the
// kickoff's mention of Acme in its title stayed matched against the names it had while it was a
// customer, and Acme's page showed it "(via Ann Lee)" where a fresh build relates it by the mention
// (found by plugin/moving-vault-property, seed 1398340397; B41-G). Since B43-A the round reads the
// editor's text as no customer page, tells the index of it (the rematch asked for as before) and
// leaves it as it is, no longer writing a meeting as a page.
import { afterEach, describe, expect, it, vi } from "vitest";
import { parseIsoDay } from "../../src/core/dates";
import { renderPage } from "../../src/core/engine";
import { VaultIndex } from "../../src/core/vault-index";
import { crmVault, startPlugin } from "./setup";

const TODAY = parseIsoDay("2026-01-01")!;
const KICKOFF = "Meetings/2025-10-01 - Acme kickoff.md";
const ACME = "Customers/Acme.md";

afterEach(() => vi.restoreAllMocks());

describe("a page the round writes that is no customer's any more", () => {
  it("every note's mentions are matched again: Acme's page is a fresh build's", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const { h, plugin } = await startPlugin(crmVault(), { refreshDelaySeconds: 1 });
    await h.run(plugin.regenerateAll());
    await h.openFile(KICKOFF);
    await h.settle();
    // The plan ticked on Acme's page: written back through the kickoff's editor, unsaved for 2 s.
    const task = "- [ ] Send the plan ([[2025-10-01 - Acme kickoff]])";
    expect(h.read(ACME)).toContain(`\n${task}\n`);
    await h.modifyExternally(ACME, h.read(ACME).replace(task, "- [x] Send the plan ([[2025-10-01 - Acme kickoff]])"));
    await h.advance(1500);
    // Meanwhile the file is made a customer page outside; the editor keeps its edits, and saves them over it.
    await h.modifyExternally(KICKOFF, "---\ntype: customer\naliases: [Initech]\n---\n");
    await h.settle();
    const report = await h.run(plugin.regenerateAll());
    await h.settle();
    // The kickoff is a meeting again: the editor's text, which the round read and left as it is (B43-A:
    // it was regenerated once as a page, last_contact and Account Status added, its Key Facts' two
    // lines lost). By hand: crmVault's kickoff, the plan ticked.
    expect(h.read(KICKOFF)).toBe("Kickoff with [[Ann Lee]].\n\n## Key Facts\n\n- Acme runs two sites\n\n- [x] Send the plan\n");
    // Left by the refresh that the outside change brought on, before the command: said in the console.
    expect(warn).toHaveBeenCalledWith(`Customer Pages: ${KICKOFF}: no customer page any more (changed while it was regenerated); left as it is`);
    expect(report!.pages.map((p) => p.path)).toEqual([ACME, "Customers/Globex.md"]);
    const files = new Map(h.vault.getMarkdownFiles().map((f) => [f.path, h.read(f.path)] as const));
    const fresh = VaultIndex.build([...files].map(([path, text]) => ({ path, text })), plugin.settings, plugin.settings.excludedFolders);
    expect(plugin.indexer.ready!.customerPaths()).toEqual(fresh.customerPaths());
    expect(h.read(ACME)).toBe(renderPage(fresh, ACME, h.read(ACME), TODAY).text);
    // By hand: Acme in the kickoff's title relates it to Acme (a mention), not only through Ann Lee.
    expect(h.read(ACME)).toContain("\n- 2025-10-01: [[2025-10-01 - Acme kickoff]] - Kickoff with Ann Lee.\n");
  });

  it("with refresh on save, a page its round wrote before the names changed is refreshed after it (alsoAffected): a meeting linking Acme's contact, named for no customer", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const vault = crmVault();
    delete vault[KICKOFF];
    const kickoff = "Meetings/2025-10-01 - Kickoff.md";
    vault[kickoff] = "Kickoff with [[Ann Lee]].\n";
    const { h, plugin } = await startPlugin(vault, { refreshDelaySeconds: 1 });
    await h.run(plugin.regenerateAll());
    expect(h.read(ACME)).toContain("[[2025-10-01 - Kickoff]]");
    const view = await h.openFile(kickoff);
    await h.settle();
    // Typed, not saved yet; meanwhile the file is made a customer page outside, and every page is due.
    view.editor.setValue("Kickoff with [[Ann Lee]]. Typed.\n");
    await h.modifyExternally(kickoff, "---\ntype: customer\n---\n");
    await h.advance(1500);
    await h.settle();
    // The round wrote Acme's page while the kickoff was a customer, then the kickoff from its
    // editor's text: a meeting again. Acme's page follows it in a round of its own.
    await h.advance(1500);
    await h.settle();
    expect(plugin.indexer.ready!.isCustomer(kickoff)).toBe(false);
    // By hand: the meeting links Ann Lee, Acme's contact.
    expect(h.read(ACME)).toContain("\n- 2025-10-01: [[2025-10-01 - Kickoff]] - Kickoff with Ann Lee. Typed. (via Ann Lee)\n");
    const files = new Map(h.vault.getMarkdownFiles().map((f) => [f.path, h.read(f.path)] as const));
    const fresh = VaultIndex.build([...files].map(([path, text]) => ({ path, text })), plugin.settings, plugin.settings.excludedFolders);
    for (const c of fresh.customerPaths()) expect(h.read(c), c).toBe(renderPage(fresh, c, h.read(c), TODAY).text);
  });
});
