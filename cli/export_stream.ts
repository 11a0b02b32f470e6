/**
 * One export stream written to its file, page by page, with the checkpoint saved after each page: the file's
 * length and the cursor of the next page (for a per-parent resource, also the parent reached). A resumed
 * stream cuts its file back to the saved length, which drops anything written after the last checkpoint,
 * and goes on from the saved cursor: no row twice, none missing.
 *
 * @module
 */
import { open } from "node:fs/promises";
import type { Okta } from "../mod.ts";
import { ahead } from "./ahead.ts";
import { csvHeader, csvRows } from "./csv.ts";
import { parentList } from "./export_sources.ts";
import type { Item, Source } from "./export_sources.ts";
import { project } from "./fields.ts";
import type { Progress } from "./progress.ts";

/** Where one stream is, as saved in the checkpoint. */
export interface StreamState {
  /** The file's name in the output folder. */
  file: string;
  /** The length of the file up to the last page saved. */
  bytes: number;
  /** Rows written. */
  items: number;
  /** Set once the last page is written. */
  done: boolean;
  /** The next page to read: of the list, or of the current parent's list; absent for the first page. */
  cursor?: string;
  /** For a per-parent resource: the cursor of the page of parents being worked through (absent: the first). */
  parentFrom?: string;
  /** For a per-parent resource: the index of the current parent in that page (or in the ids given). */
  parentIndex?: number;
}

/** What a stream needs besides its state. */
export interface StreamContext {
  okta: Okta;
  signal: AbortSignal;
  progress: Progress;
  /** The file's full path. */
  path: string;
  format: "ndjson" | "csv";
  /** The fields kept (CSV columns); `undefined` keeps whole objects in NDJSON. */
  fields: readonly string[] | undefined;
  /** Page size. */
  limit: number;
  /** For a per-parent resource: the parent ids given on the command line (none: every parent). */
  parentIds: readonly string[];
  /** Saves the checkpoint (every stream's state). */
  save(): Promise<void>;
}

/** Writes `source`'s rows after `state`, updating and saving `state` after each page. */
export async function exportStream(source: Source, state: StreamState, ctx: StreamContext): Promise<void> {
  if (state.done) return;
  // Back to the last checkpoint: what was written after it is written again from the saved cursor.
  const file = await open(ctx.path, state.bytes === 0 ? "w" : "r+");
  await file.truncate(state.bytes);
  await file.close();
  const out = await open(ctx.path, "a");
  try {
    const write = async (text: string) => {
      if (text === "") return;
      await out.write(text);
      state.bytes += new TextEncoder().encode(text).length;
    };
    if (state.bytes === 0 && ctx.format === "csv") {
      await write(csvHeader(ctx.fields!));
      await ctx.save();
    }
    const rows = (items: Item[]): string => {
      ctx.progress.items += items.length;
      state.items += items.length;
      if (ctx.format === "csv") return csvRows(items, ctx.fields!);
      const kept = ctx.fields ? items.map((item) => project(item, ctx.fields!)) : items;
      return kept.map((item) => JSON.stringify(item)).join("\n") + (kept.length ? "\n" : "");
    };
    if (source.list) {
      const pages = source.list(ctx.okta, ctx.limit, ctx.signal).pages({ from: state.cursor });
      for await (const page of ahead(pages)) {
        ctx.progress.pages++;
        await write(rows(page.items));
        state.cursor = page.nextCursor;
        state.done = page.nextCursor === undefined;
        await ctx.save();
      }
      state.done = true;
      return;
    }
    const { key, list } = source.perParent!;
    // The rows of one parent from the saved cursor; its last page moves the checkpoint to the next parent in
    // the same save, so a finished parent is never read again.
    const children = async (parentId: string, index: number) => {
      const pages = list(ctx.okta, parentId, ctx.limit, ctx.signal).pages({ from: state.cursor });
      for await (const page of ahead(pages)) {
        ctx.progress.pages++;
        await write(rows(page.items.map((item) => ({ [key]: parentId, ...item }))));
        state.cursor = page.nextCursor;
        if (page.nextCursor === undefined) state.parentIndex = index + 1;
        await ctx.save();
      }
    };
    if (ctx.parentIds.length > 0) {
      for (let i = state.parentIndex ?? 0; i < ctx.parentIds.length; i++) await children(ctx.parentIds[i], i);
    } else {
      const parents = parentList(ctx.okta, source.perParent!.parent, ctx.signal).pages({
        from: state.parentFrom,
      });
      for await (const page of parents) {
        for (let i = state.parentIndex ?? 0; i < page.items.length; i++) {
          await children(String(page.items[i].id), i);
        }
        if (page.nextCursor === undefined) break;
        state.parentFrom = page.nextCursor;
        state.parentIndex = 0;
        await ctx.save();
      }
    }
    state.done = true;
  } finally {
    await out.close();
  }
}
