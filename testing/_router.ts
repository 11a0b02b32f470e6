/**
 * Route tables: Okta path templates (`/api/v1/users/{id}`) matched segment by segment, literal
 * segments winning over parameters (`/factors/catalog` before `/factors/{factorId}`).
 *
 * @module
 */
import type { Ctx } from "./_context.ts";

/** One endpoint the fake implements. */
export interface Route {
  method: string;
  /** Path template as in the API description. */
  path: string;
  /** The API description's `operationId`. */
  operationId: string;
  /** OAuth scopes the operation requires (any one suffices), from the API description. */
  scopes: readonly string[];
  handle(ctx: Ctx): Promise<Response> | Response;
}

/** The result of matching a request against the table. */
export type RouteMatch =
  | { kind: "found"; route: Route; params: Record<string, string> }
  | { kind: "method"; allowed: string[] }
  | { kind: "none" };

/** Splits a path into decoded segments; `undefined` when a segment is not valid percent-encoding. */
function segments(path: string): string[] | undefined {
  try {
    return path.split("/").slice(1).map(decodeURIComponent);
  } catch {
    return undefined;
  }
}

/** Matches a template against decoded segments, returning the parameters on success. */
export function matchTemplate(
  template: string | readonly string[],
  parts: string[],
): Record<string, string> | undefined {
  const names = typeof template === "string" ? template.split("/").slice(1) : template;
  if (names.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    if (name.startsWith("{") && name.endsWith("}")) {
      if (parts[i] === "") return undefined;
      params[name.slice(1, -1)] = parts[i];
    } else if (name !== parts[i]) return undefined;
  }
  return params;
}

function literalCount(template: string): number {
  return template.split("/").filter((s) => s !== "" && !s.startsWith("{")).length;
}

/** Builds a matcher over `routes`. */
export function createRouter(routes: Route[]): (method: string, path: string) => RouteMatch {
  // Templates are split once here: matching runs on every request.
  const sorted = [...routes]
    .sort((a, b) => literalCount(b.path) - literalCount(a.path))
    .map((route) => ({ route, names: route.path.split("/").slice(1) }));
  return (method, path) => {
    const parts = segments(path.length > 1 ? path.replace(/\/$/, "") : path);
    if (!parts) return { kind: "none" };
    const allowed: string[] = [];
    for (const { route, names } of sorted) {
      const params = matchTemplate(names, parts);
      if (!params) continue;
      if (route.method === method) return { kind: "found", route, params };
      allowed.push(route.method);
    }
    return allowed.length ? { kind: "method", allowed } : { kind: "none" };
  };
}
