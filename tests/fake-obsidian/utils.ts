import { Component } from "./component";
import { activeDoc, createDiv } from "./dom";

export function arrayBufferToBase64(buffer: ArrayBuffer): string {
  return Buffer.from(new Uint8Array(buffer)).toString("base64");
}

export function base64ToArrayBuffer(base64: string): ArrayBuffer {
  const bytes = Buffer.from(base64, "base64");
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

export function arrayBufferToHex(data: ArrayBuffer): string {
  return Array.from(new Uint8Array(data), (b) => b.toString(16).padStart(2, "0")).join("");
}

export function hexToArrayBuffer(hex: string): ArrayBuffer {
  const bytes = new Uint8Array(Math.floor(hex.length / 2));
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes.buffer;
}

export function getBlobArrayBuffer(blob: Blob): Promise<ArrayBuffer> {
  return blob.arrayBuffer();
}

/** Parses into a fragment, dropping scripts, event handler attributes and javascript: URLs. */
export function sanitizeHTMLToDom(html: string): DocumentFragment {
  const template = activeDoc().createElement("template");
  template.innerHTML = html;
  const frag = template.content;
  for (const el of Array.from(frag.querySelectorAll("script, iframe, object, embed"))) el.remove();
  for (const el of Array.from(frag.querySelectorAll("*"))) {
    for (const attr of Array.from(el.attributes)) {
      if (/^on/i.test(attr.name) || /^\s*javascript:/i.test(attr.value)) el.removeAttribute(attr.name);
    }
  }
  return frag;
}

/** Headings, paragraphs, lists, links and emphasis; enough to check what a plugin converts. */
export function htmlToMarkdown(html: string | HTMLElement | Document | DocumentFragment): string {
  let root: ParentNode;
  if (typeof html === "string") {
    const div = createDiv();
    div.innerHTML = html;
    root = div;
  } else root = html;
  const walk = (node: Node): string => {
    if (node.nodeType === 3) return node.textContent ?? "";
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) return "";
    const el = node as Element;
    const inner = Array.from(node.childNodes).map(walk).join("");
    switch (el.tagName?.toLowerCase()) {
      case "h1":
      case "h2":
      case "h3":
      case "h4":
      case "h5":
      case "h6":
        return `${"#".repeat(Number(el.tagName.slice(1)))} ${inner.trim()}\n\n`;
      case "p":
        return `${inner.trim()}\n\n`;
      case "br":
        return "\n";
      case "strong":
      case "b":
        return `**${inner}**`;
      case "em":
      case "i":
        return `*${inner}*`;
      case "code":
        return `\`${inner}\``;
      case "a":
        return `[${inner}](${el.getAttribute("href") ?? ""})`;
      case "li":
        return `- ${inner.trim()}\n`;
      case "ul":
      case "ol":
        return `${inner}\n`;
      default:
        return inner;
    }
  };
  return walk(root as unknown as Node).replace(/\n{3,}/g, "\n\n").trim();
}

export interface RequestUrlParam {
  url: string;
  method?: string;
  contentType?: string;
  body?: string | ArrayBuffer;
  headers?: Record<string, string>;
  throw?: boolean;
}

export interface RequestUrlResponse {
  status: number;
  headers: Record<string, string>;
  arrayBuffer: ArrayBuffer;
  json: any;
  text: string;
}

export interface RequestUrlResponsePromise extends Promise<RequestUrlResponse> {
  arrayBuffer: Promise<ArrayBuffer>;
  json: Promise<any>;
  text: Promise<string>;
}

/** Thrown for any network access: plugin tests must not reach the network. */
export class FakeNetworkError extends Error {}

export function requestUrl(request: RequestUrlParam | string): RequestUrlResponsePromise {
  const url = typeof request === "string" ? request : request.url;
  throw new FakeNetworkError(`fake-obsidian: requestUrl(${url}) - tests have no network`);
}

export function request(request: RequestUrlParam | string): Promise<string> {
  const url = typeof request === "string" ? request : request.url;
  return Promise.reject(new FakeNetworkError(`fake-obsidian: request(${url}) - tests have no network`));
}

function unsupported(name: string): never {
  throw new Error(`fake-obsidian: ${name} is not available in tests`);
}

export function renderMath(_source: string, _display: boolean): HTMLElement {
  return unsupported("renderMath");
}

export function finishRenderMath(): Promise<void> {
  return Promise.resolve();
}

export function loadMathJax(): Promise<void> {
  return Promise.reject(new Error("fake-obsidian: loadMathJax is not available in tests"));
}

export function loadMermaid(): Promise<any> {
  return Promise.reject(new Error("fake-obsidian: loadMermaid is not available in tests"));
}

export function loadPdfJs(): Promise<any> {
  return Promise.reject(new Error("fake-obsidian: loadPdfJs is not available in tests"));
}

export function loadPrism(): Promise<any> {
  return Promise.reject(new Error("fake-obsidian: loadPrism is not available in tests"));
}

/** Dates are plain calendar arithmetic (core/dates.ts); moment is deliberately absent so nothing starts depending on it. */
export const moment = Object.assign((..._args: unknown[]): never => unsupported("moment"), {
  locale: (): never => unsupported("moment.locale"),
});

// CodeMirror state fields and view plugins; only meaningful inside a real editor.
export const editorEditorField = Object.freeze({ fake: "editorEditorField" });
export const editorInfoField = Object.freeze({ fake: "editorInfoField" });
export const editorLivePreviewField = Object.freeze({ fake: "editorLivePreviewField" });
export const editorViewField = editorInfoField;
export const livePreviewState = Object.freeze({ fake: "livePreviewState" });

export enum PopoverState {}

export interface Point {
  x: number;
  y: number;
}

export class HoverPopover extends Component {
  hoverEl: HTMLElement;
  state: PopoverState = 0 as PopoverState;

  constructor(_parent: unknown, _targetEl: HTMLElement | null, _waitTime?: number, _staticPos?: Point | null) {
    super();
    this.hoverEl = createDiv({ cls: "popover hover-popover" });
  }
}
