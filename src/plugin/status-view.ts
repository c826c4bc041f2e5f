// The account-status panel in the right sidebar.
import { ItemView, debounce, parseLinktext, type HoverParent, type HoverPopover, type WorkspaceLeaf } from "obsidian";
import { formatDate, todayFromClock } from "../core/dates";
import { yamlOf } from "../core/engine";
import type CustomerPagesPlugin from "./main";
import { editorsByPath, openEditors } from "./open-editors";
import { linkToLinktext, linkToNote, opensOnClick } from "./open-note";
import { panelModel, type PanelModel } from "./panel-model";
import { renderPanel } from "./panel-render";

export const STATUS_VIEW = "customer-pages-status";

/** How long typing in a customer page must pause before the panel shows its frontmatter as typed. */
const TYPED_MS = 500;

/** How often the panel looks whether the day changed (see onOpen). */
const DAY_CHECK_MS = 60_000;

export class StatusView extends ItemView implements HoverParent {
  /** The Page preview open over one of the panel's links: Page preview keeps it here (HoverParent). */
  hoverPopover: HoverPopover | null = null;

  constructor(
    leaf: WorkspaceLeaf,
    private readonly plugin: CustomerPagesPlugin,
  ) {
    super(leaf);
  }

  /** The customer pages the panel shows, with the frontmatter it showed for each (see refresh). */
  private shown = new Map<string, string | null>();
  /** The active note (path) and the day the panel was last drawn for (see followActive). */
  private drawnFor: { path: string | null; day: string } | null = null;
  /** The warning count the panel shows (null: none yet, before the first index). */
  private drawnCount: number | null = null;
  /** Whether the panel says that a note the index holds no text of may be missing (see refresh). */
  private drawnHeld = false;
  /** Customer pages typed in since the panel last looked (editor-change). */
  private readonly typedIn = new Set<string>();
  private readonly typed = debounce(() => this.refreshIfTyped(), TYPED_MS, true);

  override getViewType(): string {
    return STATUS_VIEW;
  }

  override getDisplayText(): string {
    return "Account status";
  }

  override getIcon(): string {
    return "briefcase";
  }

  override async onOpen(): Promise<void> {
    this.registerEvent(this.app.workspace.on("active-leaf-change", () => this.followActive()));
    // Following a link in the same tab opens another file in the same leaf.
    this.registerEvent(this.app.workspace.on("file-open", () => this.followActive()));
    // A change no customer's page depends on changes nothing here either: typing elsewhere leaves the panel be.
    this.registerEvent(
      this.plugin.indexer.onEvent("changed", (affected) => {
        if (affected.size > 0) this.refresh();
      }),
    );
    this.registerEvent(this.plugin.indexer.onEvent("ready", () => this.refresh()));
    // Drawn again only when the line saying so comes or goes (a rematch can drop the kept text of
    // many unreadable notes one after the other).
    this.registerEvent(
      this.plugin.indexer.onEvent("unreadable", () => {
        if (this.plugin.indexer.holdsLost !== this.drawnHeld) this.refresh();
      }),
    );
    // Account Status shows the frontmatter an editor holds before Obsidian saves it; typing in a
    // page the panel does not show costs a lookup.
    this.registerEvent(
      this.app.workspace.on("editor-change", (_editor, info) => {
        const path = info.file?.path;
        if (path === undefined || !this.shown.has(path)) return;
        this.typedIn.add(path);
        this.typed();
      }),
    );
    // "today", "3 days ago" and the stale badge are of the day the panel was drawn for: left open
    // over midnight, it is drawn for the new day. Looked at each minute rather than one timer to
    // midnight, which a clock changed or a computer woken from sleep would leave behind.
    this.registerInterval(
      window.setInterval(() => {
        if (this.drawnFor !== null && this.drawnFor.day !== formatDate(todayFromClock())) this.refresh();
      }, DAY_CHECK_MS),
    );
    this.refresh();
    await Promise.resolve();
  }

  override async onClose(): Promise<void> {
    this.typed.cancel();
    this.contentEl.empty();
    await Promise.resolve();
  }

  /**
   * Another leaf active, another file open: drawn again only when the panel is about another note
   * (or another day). Clicking into the panel makes its own leaf active before the click arrives
   * (active-leaf-change): drawn anew then, the link or button pressed would be gone, and the click
   * with it; so would a second tab on the same note, the reader's text selection and focus.
   */
  private followActive(): void {
    const path = this.app.workspace.getActiveFile()?.path ?? null;
    const drawn = this.drawnFor;
    if (drawn === null || drawn.path !== path || drawn.day !== formatDate(todayFromClock())) {
      this.refresh();
      return;
    }
    // As a drawing would: a count that notes changed since may have changed is worked out again
    // once they pause, and the panel drawn anew only if it did (the plugin's recount); one worked
    // out anew now that differs from the one shown is drawn at once.
    if (this.plugin.warningCount() !== this.drawnCount) this.refresh();
  }

  refresh(): void {
    const active = this.app.workspace.getActiveFile();
    const today = todayFromClock();
    this.drawnFor = { path: active?.path ?? null, day: formatDate(today) };
    const index = this.plugin.indexer.ready;
    const drawn = new Map<string, string | null>();
    // Only pages open in an editor are read from it (typically none or one); the others are the index's.
    const editors = editorsByPath(this.app);
    const pageText = (path: string): string | null => {
      const text = editors.get(path)?.[0]?.getValue() ?? null;
      drawn.set(path, text === null ? (index?.note(path)?.fmText ?? null) : yamlOf(text));
      return text;
    };
    const model = panelModel(index, active?.path ?? null, today, this.plugin.settings.staleDays, pageText);
    this.shown = shownPages(model, drawn);
    this.typedIn.clear();
    // Drawn afresh, where the reader had scrolled to.
    const top = this.contentEl.scrollTop;
    renderPanel(this.contentEl, model, {
      link: (a, path) => {
        linkToNote(this.app, a, path);
        // Page preview, as for links in notes. Its link text is read as a link (parseLinktext): from
        // a `#` on it names a heading or block (`#^`) of another note, so a name holding `#` gets
        // none. A `^` alone starts nothing.
        if (path.includes("#")) return;
        a.addEventListener("mouseover", (event) => {
          this.app.workspace.trigger("hover-link", { event, source: STATUS_VIEW, hoverParent: this, targetEl: a, linktext: path, sourcePath: "" });
        });
      },
      statusLink: (a, linktext, sourcePath) => {
        // Obsidian's own reading of the page's link, not the index's (which also resolves aliases):
        // the panel shows the link the page's table shows.
        // `#Heading` alone is a heading of the page itself.
        const target = parseLinktext(linktext).path;
        if (target !== "" && this.app.metadataCache.getFirstLinkpathDest(target, sourcePath) === null) a.addClass("is-unresolved");
        linkToLinktext(this.app, a, linktext, sourcePath);
        a.addEventListener("mouseover", (event) => {
          this.app.workspace.trigger("hover-link", { event, source: STATUS_VIEW, hoverParent: this, targetEl: a, linktext, sourcePath });
        });
      },
      regenerate: (path) => void this.plugin.regeneratePages([path], true),
    });
    // While the index holds no text of a note it could not read, anything the panel counts or lists
    // may lack what that note gives — the reason no customer page is written meanwhile (Refresher).
    this.drawnHeld = index !== null && this.plugin.indexer.holdsLost;
    if (this.drawnHeld) {
      this.contentEl.querySelector(".customer-pages-panel")?.createDiv({
        cls: "cp-held",
        text: "A note cannot be read (see the warnings): what it gives may be missing here, and no customer page is written until it can be read.",
        prepend: true,
      });
    }
    // At the bottom, while there are any: how many warnings, opening "Show warnings".
    const n = this.plugin.warningCount();
    this.drawnCount = n;
    if (n !== null && n > 0) {
      const footer = this.contentEl.createDiv({ cls: "customer-pages-panel-warnings" });
      const a = footer.createEl("a", { text: `${n} warning${n === 1 ? "" : "s"}`, href: "#" });
      // As the panel's note links: a middle click too, the browser's own default for it prevented.
      opensOnClick(a, () => void this.plugin.showWarnings());
    }
    this.contentEl.scrollTop = top;
  }

  /** Drawn again when a page's frontmatter, as its editor holds it, is not what the panel shows. */
  private refreshIfTyped(): void {
    const typed = [...this.typedIn];
    this.typedIn.clear();
    for (const path of typed) {
      const text = openEditors(this.app, path)[0]?.getValue();
      if (text !== undefined && this.shown.has(path) && yamlOf(text) !== this.shown.get(path)) {
        this.refresh();
        return;
      }
    }
  }
}

/** The customer pages a model shows, each with the frontmatter its status was read from. */
function shownPages(model: PanelModel, drawn: ReadonlyMap<string, string | null>): Map<string, string | null> {
  const paths = model.mode === "customers" ? model.customers.map((c) => c.path) : model.mode === "all" ? model.rows.map((r) => r.path) : [];
  return new Map(paths.map((p) => [p, drawn.get(p) ?? null]));
}
