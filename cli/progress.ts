/**
 * Progress on stderr while long work runs: on a terminal a live line redrawn in place (items, pages, items
 * per second, elapsed time, the ETA when the total is known, and the rate-limit wait in progress with its
 * bucket and remaining seconds); off a terminal (CI logs, a pipe) a plain line every few seconds instead,
 * with no control characters. stdout is never touched: it carries the data.
 *
 * @module
 */
import process from "node:process";
import { clearInterval, setInterval } from "node:timers";
import type { RateLimitWait } from "../mod.ts";
import { writeErr } from "./output.ts";

/** How progress is shown. */
export interface ProgressOptions {
  /** A live line (stderr is a terminal) or plain lines. Default: whether stderr is a terminal. */
  tty?: boolean;
  /** Seconds between plain lines off a terminal. Default 5. */
  intervalSeconds?: number;
  /** Show no progress and no summary (errors are still reported). */
  quiet?: boolean;
}

const REDRAW_MS = 200;

/** `65` → `1:05`, `3725` → `1:02:05`. */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor(s / 60) % 60;
  const sec = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${sec}` : `${m}:${sec}`;
}

const count = (n: number) => Math.round(n).toLocaleString("en-US");

/** The progress of one run: counters the work updates, drawn on stderr on a schedule. */
export class Progress {
  /** What is being worked on (`users`, `import users.csv`). */
  label = "";
  /** Items done. */
  items = 0;
  /** Pages read. */
  pages = 0;
  /** Items expected in all, when known (for the ETA). */
  total: number | undefined;
  /** Extra text after the counters (`3 failed`). */
  detail: () => string = () => "";
  /** 429 answers seen (each was retried by the client). */
  rateLimited = 0;
  readonly #tty: boolean;
  readonly #intervalMs: number;
  readonly #quiet: boolean;
  readonly #started = performance.now();
  #lastPlain = performance.now();
  #timer: ReturnType<typeof setInterval> | undefined;
  #drawn = false;
  /** Rate-limit waits in progress: bucket → when it ends (ms, performance clock) and why. */
  readonly #waits = new Map<string, { until: number; reason: RateLimitWait["reason"] }>();

  /** @param options How to show it. */
  constructor(options: ProgressOptions = {}) {
    this.#tty = options.tty ?? process.stderr.isTTY === true;
    this.#intervalMs = (options.intervalSeconds ?? 5) * 1000;
    this.#quiet = options.quiet === true;
  }

  /** Starts drawing (a live line every 200 ms, or a plain line every interval). */
  start(): this {
    if (this.#quiet || this.#timer) return this;
    this.#timer = setInterval(() => this.#tick(), this.#tty ? REDRAW_MS : Math.min(this.#intervalMs, 1000));
    this.#timer.unref?.();
    return this;
  }

  /** Tells of a rate-limit wait about to start (the client's `onRateLimit`). */
  waiting(wait: RateLimitWait): void {
    const until = performance.now() + wait.waitMs;
    const current = this.#waits.get(wait.bucket);
    if (!current || current.until < until) this.#waits.set(wait.bucket, { until, reason: wait.reason });
  }

  /** Seconds since the start. */
  elapsedSeconds(): number {
    return (performance.now() - this.#started) / 1000;
  }

  /** The counters as one line (`·`-separated on a terminal, comma-separated otherwise). */
  line(tty = this.#tty): string {
    const elapsed = this.elapsedSeconds();
    const rate = elapsed > 0 ? this.items / elapsed : 0;
    const parts = [
      `${this.label}: ${count(this.items)}${this.total !== undefined ? `/${count(this.total)}` : ""} items`,
    ];
    if (this.pages > 0) parts.push(`${count(this.pages)} pages`);
    parts.push(`${count(rate)}/s`, tty ? clock(elapsed) : `${Math.round(elapsed)} s elapsed`);
    if (this.total !== undefined && rate > 0 && this.items < this.total) {
      const eta = (this.total - this.items) / rate;
      parts.push(tty ? `ETA ${clock(eta)}` : `ETA ${Math.round(eta)} s`);
    }
    const detail = this.detail();
    if (detail) parts.push(detail);
    if (this.rateLimited > 0) parts.push(`${count(this.rateLimited)} × 429 retried`);
    const wait = this.#currentWait();
    if (wait) parts.push(`waiting ${wait.seconds.toFixed(1)} s for ${wait.bucket} (${wait.reason})`);
    return parts.join(tty ? " · " : ", ");
  }

  #currentWait(): { bucket: string; seconds: number; reason: string } | undefined {
    const now = performance.now();
    let found: { bucket: string; seconds: number; reason: string } | undefined;
    for (const [bucket, { until, reason }] of this.#waits) {
      if (until <= now) {
        this.#waits.delete(bucket);
        continue;
      }
      const seconds = (until - now) / 1000;
      const why = reason === "bucket" ? "rate limit" : reason === "429" ? "after a 429" : "concurrency";
      if (!found || seconds > found.seconds) found = { bucket, seconds, reason: why };
    }
    return found;
  }

  #tick(): void {
    if (this.#tty) {
      const width = Math.max(20, (process.stderr.columns ?? 100) - 1);
      const text = this.line(true);
      // \r and "erase line" redraw in place; the line is cut to the terminal's width so it never wraps.
      process.stderr.write(`\r\x1b[2K${text.length > width ? `${text.slice(0, width - 1)}…` : text}`);
      this.#drawn = true;
    } else if (performance.now() - this.#lastPlain >= this.#intervalMs) {
      this.#lastPlain = performance.now();
      writeErr(`oktakit: ${this.line(false)}`);
    }
  }

  /** Stops drawing and clears the live line, so what follows starts on a clean line. */
  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    if (this.#drawn) process.stderr.write("\r\x1b[2K");
    this.#drawn = false;
  }

  /** Stops, then prints `message` (or the counters) as a plain final line, unless quiet. */
  finish(message = this.line(false)): void {
    this.stop();
    if (!this.#quiet) writeErr(`oktakit: ${message}`);
  }
}
