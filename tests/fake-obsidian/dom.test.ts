// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { getIcon, setIcon, Component } from "obsidian";
import { createStartedApp } from "./harness";

describe("DOM helpers installed on the global DOM", () => {
  it("createEl/createDiv/createSpan take a class string or DomElementInfo and append to the node", () => {
    const root = document.body.createDiv({ cls: "root" });
    const a = root.createEl("a", { cls: ["x", "y"], text: "link", href: "https://x", attr: { "data-n": 3, hidden: null }, title: "t" });
    const span = root.createSpan("tag");
    const input = root.createEl("input", { type: "text", value: "v", placeholder: "p" });
    const first = root.createDiv({ text: "first", prepend: true });
    let seen: HTMLElement | null = null;
    root.createDiv("cb", (el) => (seen = el));
    expect(a.className).toBe("x y");
    expect(a.getAttribute("href")).toBe("https://x");
    expect(a.getAttr("data-n")).toBe("3");
    expect(a.hasAttribute("hidden")).toBe(false);
    expect(a.title).toBe("t");
    expect(span.hasClass("tag")).toBe(true);
    expect(input.value).toBe("v");
    expect(input.placeholder).toBe("p");
    expect(root.firstChild).toBe(first);
    expect(seen).toBe(root.lastChild);
    expect(root.parentElement).toBe(document.body);
    expect(a).toBeInstanceOf(HTMLAnchorElement);
  });

  it("global createEl/createDiv/createSpan/createFragment create detached nodes", () => {
    const div = createDiv({ cls: "free", text: "hi" });
    expect(div.parentNode).toBeNull();
    expect(div.getText()).toBe("hi");
    const el = createEl("p", { parent: div });
    expect(el.parentNode).toBe(div);
    const frag = createFragment((f) => {
      f.createSpan({ text: "a" });
      f.appendText("b");
    });
    expect(frag.textContent).toBe("ab");
    expect(createSpan().tagName).toBe("SPAN");
    const svg = createSvg("svg", { cls: "icon" });
    expect(svg.namespaceURI).toBe("http://www.w3.org/2000/svg");
  });

  it("empty, setText (string or fragment), detach, class helpers, setAttr/setAttrs", () => {
    const el = createDiv();
    el.createSpan();
    el.createSpan();
    el.empty();
    expect(el.childNodes).toHaveLength(0);
    el.setText("plain");
    expect(el.textContent).toBe("plain");
    el.setText(createFragment((f) => f.createEl("b", { text: "bold" })));
    expect(el.innerHTML).toBe("<b>bold</b>");
    el.addClass("a", "b");
    el.removeClass("a");
    el.toggleClass("c", true);
    el.toggleClass(["b"], false);
    expect(el.className).toBe("c");
    expect(el.hasClass("c")).toBe(true);
    el.setAttrs({ role: "button", tabindex: 0, gone: null });
    expect([el.getAttr("role"), el.getAttr("tabindex"), el.getAttr("gone")]).toEqual(["button", "0", null]);
    const parent = createDiv();
    parent.appendChild(el);
    el.detach();
    expect(parent.childNodes).toHaveLength(0);
    el.detach(); // harmless when already detached
  });

  it("find, findAll, findAllSelf, matchParent, instanceOf, indexOf, insertAfter, appendText", () => {
    const root = createDiv({ cls: "item" });
    const a = root.createDiv({ cls: "item a" });
    const b = root.createDiv({ cls: "item b" });
    expect(root.find(".b")).toBe(b);
    expect(root.find(".none")).toBeNull();
    expect(root.findAll(".item")).toEqual([a, b]);
    expect(root.findAllSelf(".item")).toEqual([root, a, b]);
    expect(b.matchParent(".item")).toBe(b);
    expect(a.createSpan().matchParent(".a")).toBe(a);
    expect(a.instanceOf(HTMLDivElement)).toBe(true);
    expect(a.instanceOf(HTMLSpanElement)).toBe(false);
    expect(root.indexOf(b)).toBe(1);
    const c = createDiv({ cls: "c" });
    root.insertAfter(c, a);
    expect(root.indexOf(c)).toBe(1);
    root.appendText("tail");
    expect(root.lastChild?.textContent).toBe("tail");
    expect(a.doc).toBe(document);
    expect(a.win).toBe(window);
  });

  it("show, hide, toggle, isShown, setCssStyles, setCssProps", () => {
    const el = document.body.createDiv();
    expect(el.isShown()).toBe(true);
    el.hide();
    expect(el.style.display).toBe("none");
    expect(el.isShown()).toBe(false);
    el.show();
    el.toggle(false);
    expect(el.isShown()).toBe(false);
    el.toggle(true);
    const child = el.createDiv();
    el.hide();
    expect(child.isShown()).toBe(false);
    expect(createDiv().isShown()).toBe(false); // not attached
    el.setCssStyles({ color: "red" });
    el.setCssProps({ "--size": "4px" });
    expect(el.style.color).toBe("red");
    expect(el.style.getPropertyValue("--size")).toBe("4px");
  });

  it("delegated on/off and onClickEvent", () => {
    const root = document.body.createDiv();
    const item = root.createDiv({ cls: "row" }).createSpan({ text: "x" });
    const seen: string[] = [];
    const listener = (_ev: Event, target: HTMLElement) => seen.push(target.className);
    root.on("click", ".row", listener);
    item.click();
    root.off("click", ".row", listener);
    item.click();
    root.onClickEvent(() => seen.push("clicked"));
    root.click();
    expect(seen).toEqual(["row", "clicked"]);
  });

  it("setIcon puts one svg in place of the content; getIcon makes one", () => {
    const el = createDiv({ text: "old" });
    setIcon(el, "dice");
    expect(el.childNodes).toHaveLength(1);
    expect(el.find("svg")?.getAttribute("data-icon")).toBe("dice");
    expect(getIcon("calendar")?.tagName.toLowerCase()).toBe("svg");
  });

  it("registerDomEvent listeners go away with the component", async () => {
    const h = await createStartedApp();
    const c = new Component();
    c.load();
    let n = 0;
    c.registerDomEvent(document, "keydown", () => n++);
    c.registerDomEvent(window, "resize", () => n++);
    document.dispatchEvent(new KeyboardEvent("keydown"));
    window.dispatchEvent(new Event("resize"));
    expect(h.liveRegistrations().domListeners).toBe(2);
    c.unload();
    document.dispatchEvent(new KeyboardEvent("keydown"));
    window.dispatchEvent(new Event("resize"));
    expect(n).toBe(2);
    expect(h.liveRegistrations().domListeners).toBe(0);
  });

  it("the app's workspace is in the document, one app at a time", async () => {
    await createStartedApp();
    const h = await createStartedApp();
    expect(document.querySelectorAll(".app-container")).toHaveLength(1);
    expect(h.workspace.containerEl.isConnected).toBe(true);
    expect(activeDocument).toBe(document);
    expect(fish(".workspace")).toBe(h.workspace.containerEl);
  });
});
