// Settings: every default of the spec, applied without a restart (a text or number field when it is left).
import { PluginSettingTab, Setting, type AbstractTextComponent, type App } from "obsidian";
import { exclusions, KIND_FOLDER_NOTES, kindFoldersExcluded } from "../core/exclusion";
import { unmatchedIgnoredPeople } from "../core/page";
import { DEFAULT_SETTINGS, normaliseFolder, SECTION_IDS, type Limits, type SectionId, type Settings } from "../core/settings";
import type CustomerPagesPlugin from "./main";

// Obsidian's guidelines ask for sentence case in settings; the heading itself ("Recent Context") is
// the field's value and placeholder, so the name says which section's heading it is.
const SECTION_LABELS: Record<SectionId, string> = {
  recentContext: "Recent context section",
  keyFacts: "Key facts section",
  topics: "Topics section",
  openTasks: "Open tasks section",
  accountStatus: "Account status section",
  keyContacts: "Key contacts section",
  opportunities: "Opportunities section",
  blockers: "Blockers section",
  keyDecisions: "Key decisions section",
  collaborators: "Collaborators section",
  relatedPeople: "Related people section",
};

// Named apart from the section rows above ("Topics" twice could not be told apart, by a screen reader either).
const LIMIT_LABELS: Record<keyof Limits, string> = {
  recentContext: "Recent context notes shown",
  keyFacts: "Key facts shown",
  topics: "Topics shown",
  opportunities: "Opportunities shown",
  keyDecisions: "Key decisions shown",
};

/** A number typed into a field, or null for none: blank, negative, not a number. */
function numberTyped(v: string): number | null {
  if (v.trim() === "") return null;
  const n = Number(v);
  return Number.isFinite(n) && n >= 0 ? n : null;
}

/** Why a number field refused what was typed, and what it shows instead. */
function refusal(typed: string, whole: boolean, kept: number): string {
  const wanted = whole ? "a whole number, 0 or more" : "a number, 0 or more";
  return typed.trim() === "" ? `Needs ${wanted}; kept ${kept}.` : `"${typed.trim()}" is not ${wanted}; kept ${kept}.`;
}

/**
 * The kind folders the Excluded folders setting covers whole, as a sentence for under it ("" for
 * none); what the CLI and Show warnings say of them, in the tab's words.
 */
function excludedKindFoldersText(holdsNotes: (folder: string) => boolean, s: Settings): string {
  return kindFoldersExcluded(s.folders, exclusions(s.excludedFolders), holdsNotes)
    .map((e) => `Excludes the ${e.kind} folder "${e.folder}": its notes are never read, so none of them is ${KIND_FOLDER_NOTES[e.kind]}.`)
    .join(" ");
}

function lines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

export class CustomerPagesSettingTab extends PluginSettingTab {
  constructor(
    app: App,
    private readonly plugin: CustomerPagesPlugin,
  ) {
    super(app, plugin);
    // The Ignored people line reads the last index built: a people folder changed answers for the
    // new folder once the index is rebuilt for it, not when the field is next left.
    plugin.registerEvent(plugin.indexer.onEvent("ready", () => this.recheckIgnored?.()));
  }

  /** Says again under Ignored people which saved names find no person note; set while the tab is drawn. */
  private recheckIgnored: (() => void) | null = null;

  /**
   * Per number field, what it refused and the saved value it showed instead: the tab drawn again
   * (data.json synced) says why once more, as long as that value is still the saved one. A synced
   * value in its place answers the field otherwise, and the settings closed start afresh.
   */
  private readonly refused = new Map<string, { typed: string; kept: number }>();

  /**
   * Text being typed (the field not left yet), per field, with the update it makes of the settings
   * (null for a number the field refuses: nothing to apply). The tab drawn again (data.json synced)
   * shows it in its field, still unapplied — applied then, a section name half typed could take over
   * one of the page's own headings, a folder half typed ("Meetings" on the way to
   * "Meetings/Customers") would rebuild the index and refresh pages with a folder nobody meant, and a
   * limit half typed (1 on the way to 15) would refresh pages with one item.
   */
  private readonly typedText = new Map<string, { text: string; update: ((s: Settings) => void) | null }>();

  private change(update: (s: Settings) => void): void {
    void this.plugin.changeSettings(update);
  }

  /**
   * Every field typed and not left yet, taken as one update of the settings (null for none; a number
   * refused is none): the settings closing, the plugin unloading or the app quitting apply them in
   * one change — one save, one rebuild — rather than one per field.
   */
  takeTyped(): ((s: Settings) => void) | null {
    const updates = [...this.typedText.values()].flatMap((e) => (e.update === null ? [] : [e.update]));
    this.typedText.clear();
    if (updates.length === 0) return null;
    return (s) => {
      for (const update of updates) update(s);
    };
  }

  /**
   * A number field, applied as a text field is (when it is left, or the settings close); one it
   * refuses (blank, negative, not a number, a fraction where a count is asked) changes nothing, and
   * when the field is left it shows the saved value again, the setting saying why until it is left
   * holding a value it takes.
   */
  private numberField(setting: Setting, field: string, whole: boolean, saved: (s: Settings) => number, update: (s: Settings, n: number) => void): void {
    const message = setting.descEl.createDiv({ cls: "customer-pages-setting-error", attr: { "aria-live": "polite" } });
    setting.addText((t) => {
      const refuse = (typed: string, kept: number): void => {
        this.refused.set(field, { typed, kept });
        message.setText(refusal(typed, whole, kept));
        t.inputEl.setAttribute("aria-invalid", "true");
      };
      const parse = (v: string): ((s: Settings) => void) | null => {
        const n = numberTyped(v);
        return n !== null && (!whole || Number.isInteger(n)) ? (s) => update(s, n) : null;
      };
      this.typedField(t, field, (s) => String(saved(s)), parse, (typed, applied) => {
        if (!applied) return refuse(typed, saved(this.plugin.settings));
        this.refused.delete(field);
        message.setText("");
        t.inputEl.removeAttribute("aria-invalid");
      });
      const before = this.refused.get(field);
      if (before !== undefined && before.kept === saved(this.plugin.settings)) refuse(before.typed, before.kept);
      else this.refused.delete(field);
    });
  }

  /**
   * A text field applied when it is left or the settings close, not at each key; a redraw while it
   * is being typed keeps what was typed, unapplied. Once left it shows what was saved (`/` as a
   * folder is the default folder, `Clients/` is `Clients`), as a number field does.
   */
  private textField(t: AbstractTextComponent<HTMLInputElement | HTMLTextAreaElement>, field: string, saved: (s: Settings) => string, update: (s: Settings, v: string) => void): void {
    this.typedField(t, field, saved, (v) => (s) => update(s, v));
  }

  /**
   * What text and number fields share: `parse` gives the update what is typed makes (null: refused,
   * nothing to apply), kept unapplied until the field is left (or taken by takeTyped); `left` hears,
   * once the field is left and shows the saved value again, what was typed and whether it applied.
   */
  private typedField(
    t: AbstractTextComponent<HTMLInputElement | HTMLTextAreaElement>,
    field: string,
    saved: (s: Settings) => string,
    parse: (v: string) => ((s: Settings) => void) | null,
    left?: (typed: string, applied: boolean) => void,
  ): void {
    const before = this.typedText.get(field);
    t.setValue(before?.text ?? saved(this.plugin.settings)).onChange((v) => this.typedText.set(field, { text: v, update: parse(v) }));
    t.inputEl.addEventListener("change", () => {
      const typed = this.typedText.get(field);
      this.typedText.delete(field);
      if (typed === undefined) return;
      // changeSettings puts the new settings in place before it saves them.
      if (typed.update !== null) this.change(typed.update);
      t.setValue(saved(this.plugin.settings));
      left?.(typed.text, typed.update !== null);
    });
  }

  override hide(): void {
    const typed = this.takeTyped();
    if (typed !== null) this.change(typed);
    this.refused.clear();
    this.recheckIgnored = null;
    super.hide();
  }

  /**
   * The settings changed outside the tab (data.json synced or edited): drawn again if it is open,
   * so that the next edit starts from what is saved, not from what the tab showed before.
   */
  redrawIfShown(): void {
    // Obsidian empties a tab's container when it is hidden.
    if (this.containerEl.childElementCount === 0) return;
    this.display();
  }

  override display(): void {
    const { containerEl } = this;
    containerEl.empty();
    const s = this.plugin.settings;

    new Setting(containerEl).setName("Folders").setHeading();
    // Leaving one of these says again which kind folders are excluded whole (below Excluded folders).
    const folderFields: HTMLElement[] = [];
    for (const key of ["customers", "people", "projects", "meetings"] as const) {
      new Setting(containerEl)
        .setName(`${key.charAt(0).toUpperCase()}${key.slice(1)} folder`)
        .setDesc(`Notes in this top-level folder are ${key === "customers" ? "customer pages (direct children and folder notes)" : key}.`)
        .addText((t) => {
          t.setPlaceholder(DEFAULT_SETTINGS.folders[key]);
          this.textField(t, `folders.${key}`, (x) => x.folders[key], (x, v) => (x.folders[key] = normaliseFolder(v) || DEFAULT_SETTINGS.folders[key]));
          folderFields.push(t.inputEl);
        });
    }
    const excluded = new Setting(containerEl)
      .setName("Excluded folders")
      .setDesc("One folder per line. Notes there are never read (links to them still resolve).")
      .addTextArea((t) => {
        this.textField(t, "excludedFolders", (x) => x.excludedFolders.join("\n"), (x, v) => (x.excludedFolders = lines(v).map(normaliseFolder).filter((f) => f !== "")));
        folderFields.push(t.inputEl);
      });
    // A kind folder excluded whole (the customers folder: no page is regenerated any more) is said
    // here too, where it is done, once the field — or a kind folder's — is left: the warnings list
    // and the panel's count say it only to whoever looks there.
    const covered = excluded.descEl.createDiv({ cls: "customer-pages-setting-error", attr: { "aria-live": "polite" } });
    const checkExcluded = (): void => covered.setText(excludedKindFoldersText(this.plugin.indexer.holdsNotes, this.plugin.settings));
    checkExcluded();
    // After textField's own listener: the settings hold what was left by then.
    for (const el of folderFields) el.addEventListener("change", checkExcluded);

    new Setting(containerEl).setName("Sections").setHeading();
    for (const id of SECTION_IDS) {
      new Setting(containerEl)
        .setName(SECTION_LABELS[id])
        .setDesc(`Its heading on the page (default "${DEFAULT_SETTINGS.sectionNames[id]}"), and whether the plugin regenerates it.`)
        .addText((t) => {
          // A name half typed could be one of the page's own headings ("Notes" on the way to "Notes
          // from calls"): a refresh then would make that section managed and replace its text.
          t.setPlaceholder(DEFAULT_SETTINGS.sectionNames[id]);
          this.textField(t, `sectionNames.${id}`, (x) => x.sectionNames[id], (x, v) => (x.sectionNames[id] = v.trim() || DEFAULT_SETTINGS.sectionNames[id]));
        })
        .addToggle((t) => t.setValue(s.managedSections[id]).onChange((v) => this.change((x) => (x.managedSections[id] = v))));
    }

    new Setting(containerEl).setName("Lists").setHeading();
    for (const key of Object.keys(LIMIT_LABELS) as Array<keyof Limits>) {
      const setting = new Setting(containerEl).setName(LIMIT_LABELS[key]).setDesc(`At most this many (default ${DEFAULT_SETTINGS.limits[key]}).`);
      this.numberField(
        setting,
        `limits.${key}`,
        true,
        (x) => x.limits[key],
        (x, n) => (x.limits[key] = n),
      );
    }

    new Setting(containerEl).setName("Content").setHeading();
    new Setting(containerEl)
      .setName("Source links")
      .setDesc("Add a link to the note each fact, task or decision came from.")
      .addToggle((t) => t.setValue(s.sourceLinks).onChange((v) => this.change((x) => (x.sourceLinks = v))));
    new Setting(containerEl)
      .setName("Mentions")
      .setDesc("A note that writes a customer's name (or alias) relates to that customer.")
      .addToggle((t) => t.setValue(s.mentions).onChange((v) => this.change((x) => (x.mentions = v))));
    new Setting(containerEl)
      .setName("Open tasks as checkboxes")
      .setDesc("Ticking one on a customer page ticks it in its note. Off: plain list items, which task plugins and Dataview do not list a second time.")
      .addToggle((t) => t.setValue(s.openTasksAsCheckboxes).onChange((v) => this.change((x) => (x.openTasksAsCheckboxes = v))));
    const ignored = new Setting(containerEl)
      .setName("Ignored people")
      .setDesc("One name per line, left out of collaborators and related people: usually yourself.");
    // A name that finds no person note (a typo) leaves nobody out: said here, when the tab opens and
    // when the field is left, from the people the last index knows (they do not depend on this list).
    const nobody = ignored.descEl.createDiv({ cls: "customer-pages-setting-error", attr: { "aria-live": "polite" } });
    const check = (names: readonly string[]): void => {
      const index = this.plugin.indexer.latest;
      const unknown = index === null ? [] : unmatchedIgnoredPeople(index, names);
      const quoted = unknown.map((n) => `"${n}"`);
      const named = quoted.length > 1 ? `${quoted.slice(0, -1).join(", ")} or ${quoted[quoted.length - 1]!}` : quoted.join("");
      nobody.setText(unknown.length === 0 ? "" : `No person note is named ${named} (by name or alias), so ${unknown.length > 1 ? "these names leave" : "this name leaves"} nobody out.`);
    };
    check(s.ignoredPeople);
    this.recheckIgnored = () => check(this.plugin.settings.ignoredPeople);
    ignored.addTextArea((t) => {
      this.textField(t, "ignoredPeople", (x) => x.ignoredPeople.join("\n"), (x, v) => (x.ignoredPeople = lines(v)));
      t.inputEl.addEventListener("change", () => check(lines(t.getValue())));
    });
    new Setting(containerEl)
      .setName("Account status fields")
      .setDesc("Frontmatter keys shown in account status, in order, separated by commas.")
      .addText((t) =>
        this.textField(
          t,
          "accountStatusKeys",
          (x) => x.accountStatusKeys.join(", "),
          (x, v) =>
            (x.accountStatusKeys = v
              .split(",")
              .map((k) => k.trim())
              .filter((k) => k !== "")),
        ),
      );

    new Setting(containerEl).setName("Refresh").setHeading();
    new Setting(containerEl)
      .setName("Refresh on save")
      .setDesc("Regenerate the customer pages a note affects when it is saved.")
      .addToggle((t) => t.setValue(s.refreshOnSave).onChange((v) => this.change((x) => (x.refreshOnSave = v))));
    new Setting(containerEl)
      .setName("Refresh delay")
      .setDesc("Seconds to wait after the last change before a page is regenerated.")
      .addSlider((sl) =>
        sl
          .setLimits(0, 30, 0.5)
          .setValue(s.refreshDelaySeconds)
          .setDynamicTooltip()
          .onChange((v) => this.change((x) => (x.refreshDelaySeconds = v))),
      );
    const stale = new Setting(containerEl).setName("Stale after").setDesc("Days without contact before the panel marks a customer stale.");
    this.numberField(
      stale,
      "staleDays",
      false,
      (x) => x.staleDays,
      (x, n) => (x.staleDays = n),
    );
  }
}
