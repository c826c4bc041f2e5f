import { activeDoc, createDiv } from "./dom";
import { scheduler } from "./scheduler";

export interface NoticeRecord {
  /** Text of the message, also for a DocumentFragment. */
  message: string;
  duration: number | undefined;
  hidden: boolean;
  notice: Notice;
}

/** Every notice shown since the process started; the harness reads its own slice. */
export const noticeLog: NoticeRecord[] = [];

let container: HTMLElement | null = null;

function noticeContainer(): HTMLElement {
  if (!container || container.ownerDocument !== activeDoc()) {
    container = createDiv({ cls: "notice-container" });
    activeDoc().body?.appendChild(container);
  }
  return container;
}

/** Obsidian's default time on screen. */
const DEFAULT_DURATION = 5000;

export class Notice {
  /** @deprecated Use `messageEl`. */
  noticeEl: HTMLElement;
  containerEl: HTMLElement;
  messageEl: HTMLElement;
  private record: NoticeRecord;
  private timer: number | null = null;

  constructor(message: string | DocumentFragment, duration?: number) {
    this.containerEl = noticeContainer().createDiv({ cls: "notice" });
    this.messageEl = this.containerEl.createDiv({ cls: "notice-message" });
    this.noticeEl = this.messageEl;
    this.record = { message: "", duration, hidden: false, notice: this };
    noticeLog.push(this.record);
    this.setMessage(message);
    this.containerEl.addEventListener("click", () => this.hide());
    const ms = duration ?? DEFAULT_DURATION;
    if (ms > 0) this.timer = scheduler.setTimeout(() => this.hide(), ms, "notice timeout");
  }

  setMessage(message: string | DocumentFragment): this {
    this.messageEl.setText(message);
    this.record.message = typeof message === "string" ? message : (this.messageEl.textContent ?? "");
    return this;
  }

  hide(): void {
    if (this.record.hidden) return;
    this.record.hidden = true;
    scheduler.clear(this.timer);
    this.containerEl.detach();
  }
}
