// Obsidian's DOM helpers (createEl, empty, setText, addClass …) over any DOM: the fake installs them
// on happy-dom, and the browser tests on a real Chromium page. No DOM library is imported here.
/// <reference types="obsidian" />

export type AnyWindow = Window & typeof globalThis;
type Info = DomElementInfo | SvgElementInfo | string | undefined;

interface DomElementInfo {
  cls?: string | string[];
  text?: string | DocumentFragment;
  attr?: Record<string, string | number | boolean | null>;
  title?: string;
  parent?: Node;
  value?: string;
  type?: string;
  prepend?: boolean;
  placeholder?: string;
  href?: string;
}
interface SvgElementInfo {
  cls?: string | string[];
  attr?: Record<string, string | number | boolean | null>;
  parent?: Node;
  prepend?: boolean;
}

interface DelegatedListener {
  selector: string;
  listener: (...args: unknown[]) => unknown;
  options?: boolean | AddEventListenerOptions;
  callback: (ev: Event) => void;
}

const SVG_NS = "http://www.w3.org/2000/svg";
const patched = new WeakSet<object>();

let documentOf: () => Document = () => globalThis.document;

/** Where createEl and friends make their elements (the fake's window, or the page's). */
export function setDocumentSource(source: () => Document): void {
  documentOf = source;
}

function applyInfo(el: Element, o: DomElementInfo): void {
  if (o.cls !== undefined) {
    const classes = Array.isArray(o.cls) ? o.cls : o.cls.split(" ");
    for (const c of classes) if (c) el.classList.add(c);
  }
  if (o.text !== undefined) setText(el, o.text);
  if (o.attr) for (const [k, v] of Object.entries(o.attr)) setAttr(el, k, v);
  if (o.title !== undefined) el.setAttribute("title", o.title);
  if (o.value !== undefined && "value" in el) (el as HTMLInputElement).value = o.value;
  if (o.type !== undefined) el.setAttribute("type", o.type);
  if (o.placeholder !== undefined) el.setAttribute("placeholder", o.placeholder);
  if (o.href !== undefined) el.setAttribute("href", o.href);
}

function attach(el: Node, parent: Node | undefined, prepend: boolean | undefined): void {
  if (!parent) return;
  if (prepend) parent.insertBefore(el, parent.firstChild);
  else parent.appendChild(el);
}

function setText(el: Node, val: string | DocumentFragment): void {
  if (typeof val === "string") {
    el.textContent = val;
  } else {
    while (el.firstChild) el.removeChild(el.firstChild);
    el.appendChild(val);
  }
}

function setAttr(el: Element, name: string, value: string | number | boolean | null): void {
  if (value === null) el.removeAttribute(name);
  else el.setAttribute(name, String(value));
}

function normalizeInfo<T extends object>(o: T | string | undefined): T {
  if (typeof o === "string") return { cls: o } as unknown as T;
  return { ...(o ?? ({} as T)) };
}

export function createEl<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  o?: DomElementInfo | string,
  callback?: (el: HTMLElementTagNameMap[K]) => void,
): HTMLElementTagNameMap[K] {
  const info = normalizeInfo<DomElementInfo>(o);
  const el = documentOf().createElement(tag);
  applyInfo(el, info);
  attach(el, info.parent, info.prepend);
  callback?.(el);
  return el;
}

export function createDiv(o?: DomElementInfo | string, callback?: (el: HTMLDivElement) => void): HTMLDivElement {
  return createEl("div", o, callback);
}

export function createSpan(o?: DomElementInfo | string, callback?: (el: HTMLSpanElement) => void): HTMLSpanElement {
  return createEl("span", o, callback);
}

export function createSvg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  o?: SvgElementInfo | string,
  callback?: (el: SVGElementTagNameMap[K]) => void,
): SVGElementTagNameMap[K] {
  const info = normalizeInfo<SvgElementInfo>(o);
  const el = documentOf().createElementNS(SVG_NS, tag) as SVGElementTagNameMap[K];
  applyInfo(el, info);
  attach(el, info.parent, info.prepend);
  callback?.(el);
  return el;
}

export function createFragment(callback?: (el: DocumentFragment) => void): DocumentFragment {
  const frag = documentOf().createDocumentFragment();
  callback?.(frag);
  return frag;
}

function defineMethod(proto: object, name: string, fn: unknown): void {
  Object.defineProperty(proto, name, { value: fn, writable: true, configurable: true, enumerable: false });
}

function defineGetter(proto: object, name: string, get: () => unknown): void {
  Object.defineProperty(proto, name, { get, configurable: true, enumerable: false });
}

function isShown(el: HTMLElement): boolean {
  if (!el.isConnected) return false;
  for (let n: HTMLElement | null = el; n; n = n.parentElement) {
    if (n.style.display === "none") return false;
  }
  return true;
}

export function installDomHelpers(win: AnyWindow): void {
  const NodeProto = win.Node.prototype;
  if (patched.has(NodeProto)) return;
  patched.add(NodeProto);

  // Node
  defineMethod(NodeProto, "detach", function (this: Node) {
    this.parentNode?.removeChild(this);
  });
  defineMethod(NodeProto, "empty", function (this: Node) {
    while (this.firstChild) this.removeChild(this.firstChild);
  });
  defineMethod(NodeProto, "insertAfter", function <T extends Node>(this: Node, node: T, child: Node | null): T {
    return this.insertBefore(node, child ? child.nextSibling : this.firstChild);
  });
  defineMethod(NodeProto, "indexOf", function (this: Node, other: Node) {
    return Array.prototype.indexOf.call(this.childNodes, other);
  });
  defineMethod(NodeProto, "setChildrenInPlace", function (this: Node, children: Node[]) {
    const keep = new Set(children);
    for (const child of Array.from(this.childNodes)) if (!keep.has(child)) this.removeChild(child);
    let cursor = this.firstChild;
    for (const child of children) {
      if (child === cursor) cursor = cursor.nextSibling;
      else this.insertBefore(child, cursor);
    }
  });
  defineMethod(NodeProto, "appendText", function (this: Node, val: string) {
    this.appendChild((this.ownerDocument ?? documentOf()).createTextNode(val));
  });
  defineMethod(NodeProto, "instanceOf", function (this: Node, type: { new (): unknown; name?: string }) {
    if (this instanceof type) return true;
    // Cross-window check: the same class from another window has another identity but a name.
    for (let p = Object.getPrototypeOf(this) as { constructor?: { name?: string } } | null; p; p = Object.getPrototypeOf(p)) {
      if (p.constructor?.name && p.constructor.name === type.name) return true;
    }
    return false;
  });
  defineGetter(NodeProto, "doc", function (this: Node) {
    return this.ownerDocument ?? (this as unknown as Document);
  });
  defineGetter(NodeProto, "win", function (this: Node) {
    return (this.ownerDocument ?? (this as unknown as Document)).defaultView ?? win;
  });
  defineGetter(NodeProto, "constructorWin", function (this: Node) {
    return win;
  });
  defineMethod(NodeProto, "createEl", function (this: Node, tag: string, o?: Info, cb?: (el: Element) => void) {
    const info = normalizeInfo<DomElementInfo>(o as DomElementInfo | string | undefined);
    info.parent = this;
    return createEl(tag as keyof HTMLElementTagNameMap, info, cb as never);
  });
  defineMethod(NodeProto, "createDiv", function (this: Node, o?: Info, cb?: (el: Element) => void) {
    const info = normalizeInfo<DomElementInfo>(o as DomElementInfo | string | undefined);
    info.parent = this;
    return createEl("div", info, cb as never);
  });
  defineMethod(NodeProto, "createSpan", function (this: Node, o?: Info, cb?: (el: Element) => void) {
    const info = normalizeInfo<DomElementInfo>(o as DomElementInfo | string | undefined);
    info.parent = this;
    return createEl("span", info, cb as never);
  });
  defineMethod(NodeProto, "createSvg", function (this: Node, tag: string, o?: Info, cb?: (el: Element) => void) {
    const info = normalizeInfo<SvgElementInfo>(o as SvgElementInfo | string | undefined);
    info.parent = this;
    return createSvg(tag as keyof SVGElementTagNameMap, info, cb as never);
  });

  // Element
  const ElementProto = win.Element.prototype;
  defineMethod(ElementProto, "getText", function (this: Element) {
    return this.textContent ?? "";
  });
  defineMethod(ElementProto, "setText", function (this: Element, val: string | DocumentFragment) {
    setText(this, val);
  });
  defineMethod(ElementProto, "addClass", function (this: Element, ...classes: string[]) {
    for (const c of classes) if (c) this.classList.add(c);
  });
  defineMethod(ElementProto, "addClasses", function (this: Element, classes: string[]) {
    for (const c of classes) if (c) this.classList.add(c);
  });
  defineMethod(ElementProto, "removeClass", function (this: Element, ...classes: string[]) {
    for (const c of classes) if (c) this.classList.remove(c);
  });
  defineMethod(ElementProto, "removeClasses", function (this: Element, classes: string[]) {
    for (const c of classes) if (c) this.classList.remove(c);
  });
  defineMethod(ElementProto, "toggleClass", function (this: Element, classes: string | string[], value: boolean) {
    for (const c of Array.isArray(classes) ? classes : [classes]) if (c) this.classList.toggle(c, value);
  });
  defineMethod(ElementProto, "hasClass", function (this: Element, cls: string) {
    return this.classList.contains(cls);
  });
  defineMethod(ElementProto, "setAttr", function (this: Element, name: string, value: string | number | boolean | null) {
    setAttr(this, name, value);
  });
  defineMethod(ElementProto, "setAttrs", function (this: Element, obj: Record<string, string | number | boolean | null>) {
    for (const [k, v] of Object.entries(obj)) setAttr(this, k, v);
  });
  defineMethod(ElementProto, "getAttr", function (this: Element, name: string) {
    return this.getAttribute(name);
  });
  defineMethod(ElementProto, "matchParent", function (this: Element, selector: string, lastParent?: Element) {
    for (let el: Element | null = this; el && el !== lastParent; el = el.parentElement) {
      if (el.matches(selector)) return el;
    }
    return null;
  });
  defineMethod(ElementProto, "getCssPropertyValue", function (this: Element, property: string) {
    return (this as HTMLElement).style?.getPropertyValue(property) ?? "";
  });
  defineMethod(ElementProto, "isActiveElement", function (this: Element) {
    return this.ownerDocument?.activeElement === this;
  });
  defineMethod(ElementProto, "find", function (this: Element, selector: string) {
    return this.querySelector(selector);
  });
  defineMethod(ElementProto, "findAll", function (this: Element, selector: string) {
    return Array.from(this.querySelectorAll(selector));
  });
  defineMethod(ElementProto, "findAllSelf", function (this: Element, selector: string) {
    const found = Array.from(this.querySelectorAll(selector));
    return this.matches(selector) ? [this, ...found] : found;
  });

  // HTMLElement and SVGElement
  for (const proto of [win.HTMLElement.prototype, win.SVGElement.prototype]) {
    defineMethod(proto, "setCssStyles", function (this: HTMLElement, styles: Partial<CSSStyleDeclaration>) {
      Object.assign(this.style, styles);
    });
    defineMethod(proto, "setCssProps", function (this: HTMLElement, props: Record<string, string>) {
      for (const [k, v] of Object.entries(props)) this.style.setProperty(k, v);
    });
  }
  const HtmlProto = win.HTMLElement.prototype;
  defineMethod(HtmlProto, "show", function (this: HTMLElement) {
    this.style.display = "";
  });
  defineMethod(HtmlProto, "hide", function (this: HTMLElement) {
    this.style.display = "none";
  });
  defineMethod(HtmlProto, "toggle", function (this: HTMLElement, show: boolean) {
    this.style.display = show ? "" : "none";
  });
  defineMethod(HtmlProto, "toggleVisibility", function (this: HTMLElement, visible: boolean) {
    this.style.visibility = visible ? "" : "hidden";
  });
  defineMethod(HtmlProto, "isShown", function (this: HTMLElement) {
    return isShown(this);
  });
  defineGetter(HtmlProto, "innerWidth", function (this: HTMLElement) {
    return this.clientWidth;
  });
  defineGetter(HtmlProto, "innerHeight", function (this: HTMLElement) {
    return this.clientHeight;
  });
  defineMethod(HtmlProto, "onClickEvent", function (
    this: HTMLElement,
    listener: (ev: MouseEvent) => unknown,
    options?: boolean | AddEventListenerOptions,
  ) {
    this.addEventListener("click", listener as EventListener, options);
    this.addEventListener("auxclick", listener as EventListener, options);
  });
  defineMethod(HtmlProto, "trigger", function (this: HTMLElement, eventType: string) {
    this.dispatchEvent(new win.Event(eventType, { bubbles: true, cancelable: true }));
  });
  defineMethod(HtmlProto, "onNodeInserted", function (this: HTMLElement, listener: () => unknown, once?: boolean) {
    // Obsidian uses a CSS animation trick; a MutationObserver gives the same observable result.
    let wasConnected = this.isConnected;
    const observer = new win.MutationObserver(() => {
      const now = this.isConnected;
      if (now && !wasConnected) {
        listener();
        if (once) observer.disconnect();
      }
      wasConnected = now;
    });
    observer.observe(this.ownerDocument, { childList: true, subtree: true });
    return () => observer.disconnect();
  });
  defineMethod(HtmlProto, "onWindowMigrated", function () {
    return () => undefined;
  });

  for (const proto of [HtmlProto, win.Document.prototype]) {
    defineMethod(proto, "on", function (
      this: HTMLElement & { _EVENTS?: Record<string, DelegatedListener[]> },
      type: string,
      selector: string,
      listener: (...args: unknown[]) => unknown,
      options?: boolean | AddEventListenerOptions,
    ) {
      const callback = (ev: Event) => {
        const target = ev.target as Element | null;
        if (!target || typeof target.closest !== "function") return;
        const delegate = target.closest(selector);
        if (delegate && (this as Node).contains(delegate)) listener.call(this, ev, delegate);
      };
      const events = (this._EVENTS ??= {});
      (events[type] ??= []).push({ selector, listener, options, callback });
      this.addEventListener(type, callback, options);
    });
    defineMethod(proto, "off", function (
      this: HTMLElement & { _EVENTS?: Record<string, DelegatedListener[]> },
      type: string,
      selector: string,
      listener: (...args: unknown[]) => unknown,
      options?: boolean | AddEventListenerOptions,
    ) {
      const list = this._EVENTS?.[type];
      if (!list) return;
      const i = list.findIndex((e) => e.selector === selector && e.listener === listener && e.options === options);
      if (i === -1) return;
      const [entry] = list.splice(i, 1);
      if (entry) this.removeEventListener(type, entry.callback, options);
    });
  }

  for (const proto of [win.DocumentFragment.prototype]) {
    defineMethod(proto, "find", function (this: DocumentFragment, selector: string) {
      return this.querySelector(selector);
    });
    defineMethod(proto, "findAll", function (this: DocumentFragment, selector: string) {
      return Array.from(this.querySelectorAll(selector));
    });
  }

  if (typeof win.UIEvent === "function") {
    const EvProto = win.UIEvent.prototype;
    defineGetter(EvProto, "targetNode", function (this: Event) {
      return this.target as Node | null;
    });
    defineGetter(EvProto, "win", function () {
      return win;
    });
    defineGetter(EvProto, "doc", function () {
      return win.document;
    });
    defineMethod(EvProto, "instanceOf", function (this: Event, type: new (...data: unknown[]) => unknown) {
      return this instanceof type;
    });
  }

  installGlobalFunctions(win);
}

export function installGlobalFunctions(win: AnyWindow | null): void {
  const g = globalThis as Record<string, unknown>;
  const define = (name: string, value: unknown) => {
    if (!(name in g)) Object.defineProperty(g, name, { value, writable: true, configurable: true });
  };
  define("createEl", createEl);
  define("createDiv", createDiv);
  define("createSpan", createSpan);
  define("createSvg", createSvg);
  define("createFragment", createFragment);
  if (win && win === (globalThis as unknown)) {
    define("fish", (selector: string) => win.document.querySelector(selector));
    define("fishAll", (selector: string) => Array.from(win.document.querySelectorAll(selector)));
    define("activeWindow", win);
    define("activeDocument", win.document);
  }
}

