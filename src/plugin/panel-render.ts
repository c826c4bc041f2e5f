// The account-status panel as DOM, from its view model. Uses only Obsidian's DOM helpers
// (createDiv, createEl …), so it also renders in a plain browser page with those helpers installed.
import type { PanelCustomer, PanelLink, PanelModel, PanelRow } from "./panel-model";
import { statusParts, type StatusPart } from "../core/status-parts";

export interface PanelHandlers {
  /** Makes the link `a` open the note at `path` (click, Mod-click, middle click, hover). */
  link(a: HTMLAnchorElement, path: string): void;
  /**
   * Makes the link `a` in an Account Status value follow `linktext` as Obsidian follows that link on
   * the page at `sourcePath` (and mark it unresolved as Obsidian would).
   */
  statusLink(a: HTMLAnchorElement, linktext: string, sourcePath: string): void;
  regenerate(path: string): void;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function link(parent: HTMLElement, l: PanelLink, handlers: PanelHandlers, cls = ""): HTMLAnchorElement {
  const a = parent.createEl("a", { text: l.label, cls: `internal-link ${cls}`.trim(), href: l.path });
  a.dataset.href = l.path;
  handlers.link(a, l.path);
  return a;
}

/**
 * An Account Status value as Obsidian's reading view draws it in the page's table: each part an
 * element made here (the tags Obsidian uses for them), the user's text only ever text.
 */
function statusValue(parent: HTMLElement, value: string, sourcePath: string, handlers: PanelHandlers): void {
  appendParts(parent, statusParts(value), sourcePath, handlers);
}

/**
 * How deep the panel nests a value's emphasis and links: deeper, their text alone (`*(*(*(…)*)*)*`
 * thousands deep would otherwise be drawn by as deep a recursion, into as deep a DOM).
 */
const MAX_DEPTH = 20;

function appendParts(parent: HTMLElement, parts: StatusPart[], sourcePath: string, handlers: PanelHandlers, depth = 0): void {
  for (const part of parts) {
    // A code span is an element too: at the limit, its text alone.
    if (part.kind !== "text" && depth >= MAX_DEPTH) {
      parent.appendText(textOf([part]));
      continue;
    }
    switch (part.kind) {
      case "text":
        parent.appendText(part.text);
        break;
      case "code":
        parent.createEl("code", { text: part.text });
        break;
      case "tag": {
        // Obsidian's tag, as its reading view draws one. A click there opens search for the tag,
        // which only the search plugin's internal API can do: here it does nothing, rather than
        // follow `href="#tag"` (the window's address, or a window of its own on a middle click).
        const a = parent.createEl("a", { cls: "tag", href: part.text, text: part.text });
        a.addEventListener("click", (e) => e.preventDefault());
        a.addEventListener("auxclick", (e) => e.preventDefault());
        break;
      }
      case "link": {
        const a = parent.createEl("a", { cls: "internal-link", href: part.linktext });
        a.dataset.href = part.linktext;
        appendParts(a, part.parts, sourcePath, handlers, depth + 1);
        handlers.statusLink(a, part.linktext, sourcePath);
        break;
      }
      case "web":
        appendParts(parent.createEl("a", { cls: "external-link", href: part.url, attr: { target: "_blank", rel: "noopener nofollow" } }), part.parts, sourcePath, handlers, depth + 1);
        break;
      default:
        appendParts(parent.createEl(part.kind), part.parts, sourcePath, handlers, depth + 1);
    }
  }
}

/** The text of parts however deep, without recursion. */
function textOf(parts: StatusPart[]): string {
  let out = "";
  const stack: StatusPart[] = [...parts].reverse();
  for (let p = stack.pop(); p !== undefined; p = stack.pop()) {
    if ("parts" in p) for (let k = p.parts.length - 1; k >= 0; k--) stack.push(p.parts[k]!);
    else out += p.text;
  }
  return out;
}

function staleBadge(parent: HTMLElement, stale: boolean, known: boolean): void {
  if (!stale) return;
  parent.createSpan({ cls: "cp-badge cp-badge-stale", text: known ? "Stale" : "No contact" });
}

function customerBlock(root: HTMLElement, c: PanelCustomer, handlers: PanelHandlers): void {
  const box = root.createDiv({ cls: "cp-customer" });
  const head = box.createDiv({ cls: "cp-header" });
  link(head, { path: c.path, label: c.name }, handlers, "cp-name");
  staleBadge(head, c.stale, c.lastContactRelative !== null);

  const last = box.createDiv({ cls: "cp-last" });
  last.createSpan({ cls: "cp-label", text: "Last contact" });
  last.createSpan({ cls: "cp-date", text: c.lastContact });
  if (c.lastContactRelative !== null) last.createSpan({ cls: "cp-relative", text: c.lastContactRelative });

  if (c.status.length > 0) {
    const dl = box.createEl("dl", { cls: "cp-status" });
    for (const [k, v] of c.status) {
      dl.createEl("dt", { text: k });
      statusValue(dl.createEl("dd"), v, c.path, handlers);
    }
  }

  const counts = box.createDiv({ cls: "cp-counts" });
  counts.createSpan({ cls: "cp-count cp-count-tasks", text: plural(c.counts.openTasks, "open task", "open tasks") });
  counts.createSpan({ cls: "cp-count cp-count-blockers", text: plural(c.counts.blockers, "blocker", "blockers") });
  counts.createSpan({ cls: "cp-count cp-count-decisions", text: plural(c.counts.decisions, "decision", "decisions") });

  if (c.recent.length > 0) {
    box.createDiv({ cls: "cp-section-title", text: "Recent notes" });
    const ul = box.createEl("ul", { cls: "cp-recent" });
    for (const r of c.recent) {
      const li = ul.createEl("li");
      li.createSpan({ cls: "cp-date", text: r.date });
      link(li, r, handlers);
    }
  }
  if (c.contacts.length > 0) {
    box.createDiv({ cls: "cp-section-title", text: "Key contacts" });
    const ul = box.createEl("ul", { cls: "cp-contacts" });
    for (const p of c.contacts) link(ul.createEl("li"), p, handlers);
  }

  const button = box.createEl("button", { cls: "cp-regenerate mod-cta", text: "Regenerate" });
  button.addEventListener("click", () => handlers.regenerate(c.path));
}

function row(ul: HTMLElement, r: PanelRow, handlers: PanelHandlers): void {
  const li = ul.createEl("li", { cls: "cp-row" });
  const top = li.createDiv({ cls: "cp-row-top" });
  link(top, { path: r.path, label: r.name }, handlers, "cp-name");
  const status = r.status === null ? [] : statusParts(r.status);
  // A status that is all comment (`%%to do%%`) shows nothing on the page: no empty badge for it.
  if (!status.every((p) => p.kind === "text" && p.text.trim() === "")) appendParts(top.createSpan({ cls: "cp-badge cp-badge-status" }), status, r.path, handlers);
  staleBadge(top, r.stale, r.lastContactRelative !== null);
  const bottom = li.createDiv({ cls: "cp-row-bottom" });
  bottom.createSpan({ cls: "cp-date", text: r.lastContact });
  if (r.lastContactRelative !== null) bottom.createSpan({ cls: "cp-relative", text: r.lastContactRelative });
}

export function renderPanel(container: HTMLElement, model: PanelModel, handlers: PanelHandlers): void {
  container.empty();
  const root = container.createDiv({ cls: "customer-pages-panel" });
  if (model.mode === "loading") {
    root.createDiv({ cls: "cp-empty", text: "Reading the vault…" });
    return;
  }
  if (model.mode === "customers") {
    for (const c of model.customers) customerBlock(root, c, handlers);
    return;
  }
  root.createDiv({ cls: "cp-section-title", text: "Customers by last contact" });
  if (model.rows.length === 0) {
    root.createDiv({ cls: "cp-empty", text: "No customer pages yet." });
    return;
  }
  const ul = root.createEl("ul", { cls: "cp-list" });
  for (const r of model.rows) row(ul, r, handlers);
}
